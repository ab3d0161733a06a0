package dev.salespipeline.query.pipeline;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.salespipeline.query.pipeline.projection.PipelineView;

/** Pipeline definitions; every reader may see every pipeline. */
@Component
public class PipelineQuery {

    private final MongoTemplate mongo;

    PipelineQuery(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Every pipeline, by name. A company has a handful of pipelines: no paging. */
    public List<PipelineView> all() {
        return mongo.find(new Query().with(Sort.by(Sort.Order.asc("name"), Sort.Order.asc("_id"))),
                PipelineView.class);
    }

    public Optional<PipelineView> find(String pipelineId) {
        return Optional.ofNullable(mongo.findById(pipelineId, PipelineView.class));
    }
}
