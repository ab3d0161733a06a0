package dev.salespipeline.command.deal.web;

import java.math.BigDecimal;
import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import dev.salespipeline.api.Bounds;
import dev.salespipeline.command.web.Amount;
import dev.salespipeline.command.web.Identifiers;
import dev.salespipeline.command.web.WithinYears;

/**
 * Body of {@code POST /deals}. {@code dealId} may be chosen by the client, which makes a retried
 * request safe; otherwise the service assigns one. {@code teamId} defaults to the caller's team,
 * {@code occurredAt} to now.
 */
public record OpenDealRequest(
        @Pattern(regexp = Identifiers.DEAL_PATTERN, message = Identifiers.DEAL_MESSAGE) String dealId,
        @NotBlank @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String pipelineId,
        @NotBlank @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String stageId,
        @NotBlank @Size(max = Bounds.TITLE_LENGTH) String title,
        @NotBlank @Size(max = Bounds.ID_LENGTH) String ownerId,
        @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String teamId,
        @Schema(description = Amount.DESCRIPTION, minimum = "0", maximum = Bounds.MAX_AMOUNT,
                example = "1500.00")
        @PositiveOrZero @Amount BigDecimal amount,
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code such as EUR") String currency,
        @WithinYears Instant occurredAt) {

    @AssertTrue(message = "amount and currency must be given together")
    public boolean isAmountComplete() {
        return (amount == null) == (currency == null);
    }
}
