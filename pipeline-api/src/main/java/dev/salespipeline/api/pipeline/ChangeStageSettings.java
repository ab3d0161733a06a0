package dev.salespipeline.api.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonFormat;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.Bounds;

/**
 * Replaces a stage's settings: default win probability (0 to 100), time limit (null for none) and the
 * deal fields that must be filled before a deal may leave the stage (null for none).
 */
public record ChangeStageSettings(
        String pipelineId,
        String stageId,
        int probability,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Duration timeLimit,
        Set<DealField> exitRequirements,
        Instant occurredAt) implements AggregateCommand {

    public ChangeStageSettings {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(stageId, "stageId");
        exitRequirements = exitRequirements == null ? Set.of() : Set.copyOf(exitRequirements);
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("pipelineId", pipelineId, Bounds.ID_LENGTH);
        Bounds.text("stageId", stageId, Bounds.ID_LENGTH);
        Bounds.limit("timeLimit", timeLimit);
        Bounds.time("occurredAt", occurredAt);
    }

    @Override
    public String targetAggregateId() {
        return pipelineId;
    }
}
