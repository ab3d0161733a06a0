package dev.salespipeline.api.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.Bounds;

/**
 * Puts a pipeline's stages in a new order. {@code stageIds} names every current stage exactly once.
 */
public record ReorderStages(String pipelineId, List<String> stageIds, Instant occurredAt) implements AggregateCommand {

    public ReorderStages {
        Objects.requireNonNull(pipelineId, "pipelineId");
        stageIds = List.copyOf(Objects.requireNonNull(stageIds, "stageIds"));
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("pipelineId", pipelineId, Bounds.ID_LENGTH);
        Bounds.texts("stageIds", stageIds, Bounds.MAX_STAGES, Bounds.ID_LENGTH);
        Bounds.time("occurredAt", occurredAt);
    }

    @Override
    public String targetAggregateId() {
        return pipelineId;
    }
}
