package dev.salespipeline.api.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * How long an open deal of the pipeline may go without activity before it counts as stalled changed.
 */
public record IdleLimitChanged(
        String pipelineId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Duration idleLimit,
        Instant occurredAt) implements PipelineEvent {

    public IdleLimitChanged {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(idleLimit, "idleLimit");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
