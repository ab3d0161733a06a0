package dev.salespipeline.api.pipeline;

import java.time.Instant;
import java.util.Objects;

/**
 * A stage got a new name; its id did not change. {@code previousName} is kept so that the history
 * shows old and new name without replaying the pipeline.
 */
public record StageRenamed(String pipelineId, String stageId, String previousName, String name, Instant occurredAt)
        implements PipelineEvent {

    public StageRenamed {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(stageId, "stageId");
        Objects.requireNonNull(previousName, "previousName");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
