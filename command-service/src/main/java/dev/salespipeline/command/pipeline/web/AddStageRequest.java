package dev.salespipeline.command.pipeline.web;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import dev.salespipeline.api.Bounds;
import dev.salespipeline.command.web.WithinYears;

/**
 * Body of {@code POST /pipelines/{pipelineId}/stages}: the new stage and where it goes (0 puts it
 * first, the number of stages last). {@code occurredAt} defaults to now.
 */
public record AddStageRequest(
        @NotNull @Valid PipelineStage stage,
        @Schema(description = "0 puts the stage first, the number of stages puts it last")
        @NotNull @PositiveOrZero @Max(Bounds.MAX_STAGES) Integer position,
        @WithinYears Instant occurredAt) {
}
