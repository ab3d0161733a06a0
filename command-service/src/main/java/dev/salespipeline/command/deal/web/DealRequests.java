package dev.salespipeline.command.deal.web;

import dev.salespipeline.command.web.Identifiers;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Bodies of the commands on an existing deal. Each may give {@code occurredAt}, the business time,
 * which defaults to now.
 */
final class DealRequests {

    private DealRequests() {
    }

    /** {@code PUT /deals/{dealId}/amount}. */
    record ChangeAmount(
            @NotNull @PositiveOrZero BigDecimal amount,
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code such as EUR")
            String currency,
            Instant occurredAt) {
    }

    /** {@code PUT /deals/{dealId}/details}: replaces all descriptive fields. */
    record EditDetails(
            @NotBlank @Size(max = 200) String title,
            @Valid Client client,
            @Size(max = 100) String sourceChannel,
            @Size(max = 200) String product,
            Instant occurredAt) {
    }

    record Client(
            @Size(max = 200) String company,
            @Size(max = 200) String contactPerson,
            @Size(max = 200) String decisionMaker,
            @Pattern(regexp = "\\+?[0-9 ()./-]{3,30}", message = "must be a phone number") String phone,
            @Email @Size(max = 254) String email,
            @Size(max = 100) String industry) {
    }

    /** {@code PUT /deals/{dealId}/expected-close-date}: null clears it. */
    record ChangeExpectedCloseDate(LocalDate expectedCloseDate, Instant occurredAt) {
    }

    /** {@code PUT /deals/{dealId}/probability}. */
    record OverrideProbability(@NotNull @Min(0) @Max(100) Integer probability, Instant occurredAt) {
    }

    /** {@code PUT /deals/{dealId}/stage}. */
    record Move(
            @NotBlank @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String stageId,
            Instant occurredAt) {
    }

    enum Outcome { WON, LOST }

    /** {@code PUT /deals/{dealId}/outcome}: closes the deal; a loss needs a reason. */
    record Close(@NotNull Outcome outcome, @Size(max = 100) String reason, @Size(max = 2000) String comment,
                 Instant occurredAt) {

        @AssertTrue(message = "a lost deal needs a reason, a won deal takes none")
        public boolean isReasonGivenForLossOnly() {
            return outcome == null || (outcome == Outcome.LOST) == (reason != null && !reason.isBlank());
        }
    }
}
