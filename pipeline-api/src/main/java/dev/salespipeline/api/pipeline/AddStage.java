package dev.salespipeline.api.pipeline;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.Bounds;

/**
 * Adds a stage to a pipeline at a position: 0 puts it first, the number of stages puts it last.
 */
public record AddStage(String pipelineId, StageDefinition stage, int position, Instant occurredAt)
        implements AggregateCommand {

    public AddStage {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("pipelineId", pipelineId, Bounds.ID_LENGTH);
        Bounds.time("occurredAt", occurredAt);
    }

    @Override
    public String targetAggregateId() {
        return pipelineId;
    }
}
