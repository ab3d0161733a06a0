package dev.salespipeline.query.pipeline.web;

import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.salespipeline.query.pipeline.projection.PipelineView;
import dev.salespipeline.query.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Pipeline definitions as the dashboard needs them; every reader may see every pipeline. */
@RestController
@Tag(name = "Pipelines", description = "Pipeline definitions: stages in order, limits, lost reasons")
class PipelineQueryController {

    private final MongoTemplate mongo;

    PipelineQueryController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping("/pipelines")
    @Operation(summary = "Every pipeline, by name")
    List<PipelineView> pipelines() {
        // A company has a handful of pipelines: no paging.
        return mongo.find(new Query().with(Sort.by(Sort.Order.asc("name"), Sort.Order.asc("_id"))),
                PipelineView.class);
    }

    @GetMapping("/pipelines/{pipelineId}")
    @Operation(summary = "A pipeline: its stages in order, the stages removed from it, its idle limit and lost reasons")
    PipelineView pipeline(@PathVariable String pipelineId) {
        PipelineView pipeline = mongo.findById(pipelineId, PipelineView.class);
        if (pipeline == null) {
            throw new NotFoundException("No pipeline " + pipelineId);
        }
        return pipeline;
    }
}
