package dev.salespipeline.command.pipeline.web;

import java.time.Duration;
import java.time.Instant;

import org.hibernate.validator.constraints.time.DurationMin;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** Body of {@code PUT /pipelines/{pipelineId}/idle-limit}. {@code occurredAt} defaults to now. */
public record IdleLimitRequest(
        @Schema(implementation = String.class, format = "duration", example = "P14D",
                description = "ISO-8601 duration an open deal may go without activity before it counts as stalled")
        @NotNull @DurationMin(minutes = 1) Duration idleLimit,
        Instant occurredAt) {
}
