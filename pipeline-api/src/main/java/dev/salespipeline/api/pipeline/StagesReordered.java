package dev.salespipeline.api.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A pipeline's stages were put in a new order: {@code stageIds} lists every stage, first to last.
 */
public record StagesReordered(String pipelineId, List<String> stageIds, Instant occurredAt) implements PipelineEvent {

    public StagesReordered {
        Objects.requireNonNull(pipelineId, "pipelineId");
        stageIds = List.copyOf(Objects.requireNonNull(stageIds, "stageIds"));
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
