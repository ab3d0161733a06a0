package dev.salespipeline.command.target.web;

import java.math.BigDecimal;
import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import dev.salespipeline.api.Bounds;
import dev.salespipeline.command.web.Amount;
import dev.salespipeline.command.web.Identifiers;
import dev.salespipeline.command.web.WithinYears;

/**
 * Body of {@code PUT /pipelines/{pipelineId}/targets/{subjectType}/{subjectId}/{period}}. {@code teamId}
 * names the team an owner's target belongs to (a manager must name their own); it is taken when the
 * target is set, a later change keeps the team. {@code occurredAt} defaults to now.
 */
public record SetTargetRequest(
        @Schema(example = "120000.00", description = "The amount to win in the period, above zero. "
                + Amount.DESCRIPTION,
                maximum = Bounds.MAX_AMOUNT)
        @NotNull @Positive @Amount BigDecimal amount,
        @Schema(example = "EUR", description = "ISO 4217 code; a target keeps the currency it was set in")
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code such as EUR")
        String currency,
        @Schema(example = "north", description = "The owner's team; for a team target, the team itself or nothing")
        @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String teamId,
        @WithinYears Instant occurredAt) {
}
