package dev.salespipeline.command.deal.web;

import dev.salespipeline.command.web.Identifiers;
import java.math.BigDecimal;
import java.time.Instant;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /deals}. {@code dealId} may be chosen by the client, which makes a retried
 * request safe; otherwise the service assigns one. {@code teamId} defaults to the caller's team,
 * {@code occurredAt} to now.
 */
public record OpenDealRequest(
        @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String dealId,
        @NotBlank @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String pipelineId,
        @NotBlank @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String stageId,
        @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 100) String ownerId,
        @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String teamId,
        @PositiveOrZero BigDecimal amount,
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code such as EUR") String currency,
        Instant occurredAt) {

    @AssertTrue(message = "amount and currency must be given together")
    public boolean isAmountComplete() {
        return (amount == null) == (currency == null);
    }
}
