package dev.salespipeline.api.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.Bounds;

/**
 * Sets how long an open deal of this pipeline may go without any activity before it counts as stalled.
 */
public record ChangeIdleLimit(
        String pipelineId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Duration idleLimit,
        Instant occurredAt) implements AggregateCommand {

    public ChangeIdleLimit {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(idleLimit, "idleLimit");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("pipelineId", pipelineId, Bounds.ID_LENGTH);
        Bounds.limit("idleLimit", idleLimit);
        Bounds.time("occurredAt", occurredAt);
    }

    @Override
    public String targetAggregateId() {
        return pipelineId;
    }
}
