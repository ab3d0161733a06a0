package dev.salespipeline.api.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.salespipeline.api.AggregateCommand;

/**
 * Puts a pipeline's stages in a new order. {@code stageIds} names every current stage exactly once.
 */
public record ReorderStages(String pipelineId, List<String> stageIds, Instant occurredAt) implements AggregateCommand {

    public ReorderStages {
        Objects.requireNonNull(pipelineId, "pipelineId");
        stageIds = List.copyOf(Objects.requireNonNull(stageIds, "stageIds"));
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    @Override
    public String targetAggregateId() {
        return pipelineId;
    }
}
