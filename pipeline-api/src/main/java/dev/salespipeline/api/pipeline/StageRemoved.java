package dev.salespipeline.api.pipeline;

import java.time.Instant;
import java.util.Objects;

/**
 * A stage was removed from a pipeline. The time deals spent in it still counts, under its id, which the
 * pipeline never gives to another stage.
 */
public record StageRemoved(String pipelineId, String stageId, Instant occurredAt) implements PipelineEvent {

    public StageRemoved {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(stageId, "stageId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
