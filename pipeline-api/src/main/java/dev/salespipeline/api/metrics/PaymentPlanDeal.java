package dev.salespipeline.api.metrics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;

import dev.salespipeline.api.deal.Money;

/**
 * One open deal in a {@link PaymentPlan}.
 *
 * @param dealId            the deal
 * @param ownerId           its current owner
 * @param expectedCloseDate when it is expected to close
 * @param amount            its amount
 * @param probability       its win probability in percent: its override, else its stage's
 * @param weightedAmount    amount x probability, in the amount's currency
 */
public record PaymentPlanDeal(String dealId, String ownerId, LocalDate expectedCloseDate, Money amount,
                              int probability,
                              @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal weightedAmount) {

    public PaymentPlanDeal {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(expectedCloseDate, "expectedCloseDate");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(weightedAmount, "weightedAmount");
    }
}
