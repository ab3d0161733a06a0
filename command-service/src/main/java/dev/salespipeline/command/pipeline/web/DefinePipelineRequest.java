package dev.salespipeline.command.pipeline.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import dev.salespipeline.api.Bounds;
import dev.salespipeline.command.web.Identifiers;
import dev.salespipeline.command.web.WithinYears;

/**
 * Body of {@code POST /pipelines}. {@code pipelineId} may be chosen by the client, which makes a
 * retried request safe; otherwise the service assigns one. {@code occurredAt} defaults to now.
 */
public record DefinePipelineRequest(
        @Pattern(regexp = Identifiers.PIPELINE_PATTERN, message = Identifiers.PIPELINE_MESSAGE) String pipelineId,
        @NotBlank @Size(max = Bounds.NAME_LENGTH) String name,
        @NotEmpty @Size(max = Bounds.MAX_STAGES) List<@NotNull @Valid PipelineStage> stages,
        @Schema(implementation = String.class, format = "duration", example = "P14D",
                description = "ISO-8601 duration an open deal may go without activity before it counts as stalled")
        @NotNull @DurationMin(minutes = 1) @DurationMax(days = 3_650) Duration idleLimit,
        @NotEmpty @Size(max = Bounds.MAX_LOST_REASONS)
        List<@NotBlank @Size(max = Bounds.NAME_LENGTH) String> lostReasons,
        @WithinYears Instant occurredAt) {
}
