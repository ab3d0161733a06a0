package dev.salespipeline.command.pipeline.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import dev.salespipeline.api.pipeline.DealField;
import dev.salespipeline.command.web.WithinYears;

/**
 * Body of {@code PUT /pipelines/{pipelineId}/stages/{stageId}/settings}, replacing all three settings:
 * an absent {@code timeLimit} means no limit, absent {@code exitRequirements} none. {@code occurredAt}
 * defaults to now.
 */
public record StageSettingsRequest(
        @NotNull @Min(0) @Max(100) Integer probability,
        @Schema(implementation = String.class, format = "duration", example = "P21D",
                description = "ISO-8601 duration a deal may stay in the stage before it counts as stalled")
        @DurationMin(minutes = 1) @DurationMax(days = 3_650) Duration timeLimit,
        Set<DealField> exitRequirements,
        @WithinYears Instant occurredAt) {
}
