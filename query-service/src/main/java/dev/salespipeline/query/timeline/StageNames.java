package dev.salespipeline.query.timeline;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.mongodb.core.MongoTemplate;

import dev.salespipeline.query.pipeline.projection.PipelineView;

/**
 * Names of pipelines and stages as their definitions say now, for one request: a stage renamed since
 * shows its new name, a removed one the name it had. An id nobody defined is shown as it is.
 */
final class StageNames {

    private final MongoTemplate mongo;
    private final Map<String, Optional<PipelineView>> pipelines = new HashMap<>();

    StageNames(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    String pipeline(String pipelineId) {
        if (pipelineId == null) {
            return null;
        }
        return view(pipelineId).map(PipelineView::name).orElse(pipelineId);
    }

    String stage(String pipelineId, String stageId) {
        if (stageId == null) {
            return null;
        }
        return view(pipelineId).flatMap(view -> view.stage(stageId)).map(PipelineView.Stage::name).orElse(stageId);
    }

    private Optional<PipelineView> view(String pipelineId) {
        if (pipelineId == null) {
            return Optional.empty();
        }
        return pipelines.computeIfAbsent(pipelineId,
                id -> Optional.ofNullable(mongo.findById(id, PipelineView.class)));
    }
}
