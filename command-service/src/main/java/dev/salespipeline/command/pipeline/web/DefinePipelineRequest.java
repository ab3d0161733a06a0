package dev.salespipeline.command.pipeline.web;

import dev.salespipeline.command.web.Identifiers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.hibernate.validator.constraints.time.DurationMin;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /pipelines}. {@code pipelineId} may be chosen by the client, which makes a
 * retried request safe; otherwise the service assigns one. {@code occurredAt} defaults to now.
 */
public record DefinePipelineRequest(
        @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String pipelineId,
        @NotBlank @Size(max = 100) String name,
        @NotEmpty @Size(max = 30) List<@NotNull @Valid PipelineStage> stages,
        @Schema(implementation = String.class, format = "duration", example = "P14D",
                description = "ISO-8601 duration an open deal may go without activity before it counts as stalled")
        @NotNull @DurationMin(minutes = 1) Duration idleLimit,
        @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 100) String> lostReasons,
        Instant occurredAt) {
}
