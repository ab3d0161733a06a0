package dev.salespipeline.api.deal;

import java.math.BigDecimal;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * An amount in a currency (ISO 4217 code). Amounts of deals are never negative.
 * In JSON the amount is a decimal string ({@code "1500.00"}), so no reader turns it into a binary
 * floating-point number and loses cents or scale.
 */
public record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency) {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount must not be negative: " + amount);
        }
        if (!currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code such as EUR: " + currency);
        }
    }

    /** Same currency and numerically equal amount, whatever the scale ({@code 10.0} is {@code 10.00}). */
    public boolean sameValueAs(Money other) {
        return other != null && currency.equals(other.currency) && amount.compareTo(other.amount) == 0;
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), currency);
    }
}
