package dev.salespipeline.api.pipeline;

import java.time.Instant;
import java.util.Objects;

/**
 * A stage was added to a pipeline at a position (0 is first); the stages from there on moved one down.
 */
public record StageAdded(String pipelineId, StageDefinition stage, int position, Instant occurredAt)
        implements PipelineEvent {

    public StageAdded {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
