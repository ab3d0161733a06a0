package dev.salespipeline.command.deal.web;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

/** Body of {@code PUT /deals/{dealId}/amount}. {@code occurredAt} defaults to now. */
public record ChangeAmountRequest(
        @NotNull @PositiveOrZero BigDecimal amount,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code such as EUR") String currency,
        Instant occurredAt) {
}
