package dev.salespipeline.command.deal.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import io.swagger.v3.oas.annotations.media.Schema;
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

import dev.salespipeline.api.Bounds;
import dev.salespipeline.command.web.Amount;
import dev.salespipeline.command.web.Identifiers;
import dev.salespipeline.command.web.WithinYears;

/**
 * Bodies of the commands on an existing deal. Each may give {@code occurredAt}, the business time,
 * which defaults to now.
 */
final class DealRequests {

    private DealRequests() {
    }

    /** {@code PUT /deals/{dealId}/amount}. */
    record ChangeAmount(
            @Schema(description = Amount.DESCRIPTION, minimum = "0", maximum = Bounds.MAX_AMOUNT,
                    example = "1500.00")
            @NotNull @PositiveOrZero @Amount BigDecimal amount,
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code such as EUR")
            String currency,
            @WithinYears Instant occurredAt) {
    }

    /** {@code PUT /deals/{dealId}/details}: replaces all descriptive fields. */
    record EditDetails(
            @NotBlank @Size(max = Bounds.TITLE_LENGTH) String title,
            @Valid Client client,
            @Size(max = Bounds.NAME_LENGTH) String sourceChannel,
            @Size(max = Bounds.TITLE_LENGTH) String product,
            @WithinYears Instant occurredAt) {
    }

    record Client(
            @Size(max = Bounds.TITLE_LENGTH) String company,
            @Size(max = Bounds.TITLE_LENGTH) String contactPerson,
            @Size(max = Bounds.TITLE_LENGTH) String decisionMaker,
            @Pattern(regexp = "\\+?[0-9 ()./-]{3,30}", message = "must be a phone number") String phone,
            @Email @Size(max = Bounds.EMAIL_LENGTH) String email,
            @Size(max = Bounds.NAME_LENGTH) String industry) {
    }

    /** {@code PUT /deals/{dealId}/expected-close-date}: null clears it. */
    record ChangeExpectedCloseDate(@WithinYears LocalDate expectedCloseDate, @WithinYears Instant occurredAt) {
    }

    /** {@code PUT /deals/{dealId}/probability}. */
    record OverrideProbability(@NotNull @Min(0) @Max(100) Integer probability, @WithinYears Instant occurredAt) {
    }

    /** {@code PUT /deals/{dealId}/stage}. */
    record Move(
            @NotBlank @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String stageId,
            @WithinYears Instant occurredAt) {
    }

    enum Outcome { WON, LOST }

    /** {@code PUT /deals/{dealId}/outcome}: closes the deal; a loss needs a reason. */
    record Close(@NotNull Outcome outcome, @Size(max = Bounds.NAME_LENGTH) String reason,
                 @Size(max = Bounds.TEXT_LENGTH) String comment,
                 @WithinYears Instant occurredAt) {

        @AssertTrue(message = "a lost deal needs a reason, a won deal takes none")
        public boolean isReasonGivenForLossOnly() {
            return outcome == null || (outcome == Outcome.LOST) == (reason != null && !reason.isBlank());
        }
    }
}
