package dev.salespipeline.command.pipeline.web;

import java.time.Duration;
import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import dev.salespipeline.command.web.WithinYears;

/** Body of {@code PUT /pipelines/{pipelineId}/idle-limit}. {@code occurredAt} defaults to now. */
public record IdleLimitRequest(
        @Schema(implementation = String.class, format = "duration", example = "P14D",
                description = "ISO-8601 duration an open deal may go without activity before it counts as stalled")
        @NotNull @DurationMin(minutes = 1) @DurationMax(days = 3_650) Duration idleLimit,
        @WithinYears Instant occurredAt) {
}
