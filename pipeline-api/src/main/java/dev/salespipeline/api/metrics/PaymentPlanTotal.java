package dev.salespipeline.api.metrics;

import java.math.BigDecimal;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * The deals of one currency within a {@link PaymentPlan} horizon (tomorrow, or this week).
 *
 * @param currency       ISO 4217 code
 * @param deals          open deals in the currency expected to close within the horizon
 * @param amount         the sum of their amounts
 * @param weightedAmount the sum of their amounts, each times its probability
 */
public record PaymentPlanTotal(String currency, long deals,
                               @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
                               @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal weightedAmount) {

    public PaymentPlanTotal {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(weightedAmount, "weightedAmount");
    }
}
