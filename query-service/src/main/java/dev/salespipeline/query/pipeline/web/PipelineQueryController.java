package dev.salespipeline.query.pipeline.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.salespipeline.query.pipeline.PipelineQuery;
import dev.salespipeline.query.pipeline.projection.PipelineView;
import dev.salespipeline.query.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Pipeline definitions as the dashboard needs them; every reader may see every pipeline. */
@RestController
@Tag(name = "Pipelines", description = "Pipeline definitions: stages in order, limits, lost reasons")
class PipelineQueryController {

    private final PipelineQuery pipelines;

    PipelineQueryController(PipelineQuery pipelines) {
        this.pipelines = pipelines;
    }

    @GetMapping("/pipelines")
    @Operation(summary = "Every pipeline, by name")
    List<PipelineView> pipelines() {
        return pipelines.all();
    }

    @GetMapping("/pipelines/{pipelineId}")
    @Operation(summary = "A pipeline: its stages in order, the stages removed from it, its idle limit and lost reasons")
    PipelineView pipeline(@PathVariable String pipelineId) {
        return pipelines.find(pipelineId).orElseThrow(() -> new NotFoundException("No pipeline " + pipelineId));
    }
}
