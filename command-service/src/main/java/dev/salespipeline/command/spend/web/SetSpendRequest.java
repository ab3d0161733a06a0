package dev.salespipeline.command.spend.web;

import java.math.BigDecimal;
import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

import dev.salespipeline.api.Bounds;
import dev.salespipeline.command.web.Amount;
import dev.salespipeline.command.web.WithinYears;

/**
 * Body of {@code PUT /pipelines/{pipelineId}/marketing-spend/{channel}/{period}}. {@code occurredAt} defaults to
 * now.
 */
public record SetSpendRequest(
        @Schema(example = "12000.00", description = "What the channel cost in the period, zero or more. "
                + Amount.DESCRIPTION,
                maximum = Bounds.MAX_AMOUNT)
        @NotNull @PositiveOrZero @Amount BigDecimal amount,
        @Schema(example = "EUR", description = "ISO 4217 code; a spend keeps the currency it was set in")
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code such as EUR")
        String currency,
        @WithinYears Instant occurredAt) {
}
