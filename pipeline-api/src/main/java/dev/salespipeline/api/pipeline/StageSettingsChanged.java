package dev.salespipeline.api.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * A stage's settings were replaced: default win probability (percent), time limit (null for none) and
 * exit requirements.
 */
public record StageSettingsChanged(
        String pipelineId,
        String stageId,
        int probability,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Duration timeLimit,
        Set<DealField> exitRequirements,
        Instant occurredAt) implements PipelineEvent {

    public StageSettingsChanged {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(stageId, "stageId");
        exitRequirements = exitRequirements == null ? Set.of() : Set.copyOf(exitRequirements);
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
