package dev.salespipeline.api.deal;

import java.math.BigDecimal;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * An amount in a currency (ISO 4217 code). Amounts of deals are never negative.
 * In JSON the amount is a decimal string ({@code "1500.00"}), so no reader turns it into a binary
 * floating-point number and loses cents or scale. The string is always plain decimal notation: an
 * amount given with an exponent ({@code 1E+3}) is kept as {@code 1000}, and at most
 * {@value #MAX_DECIMAL_PLACES} decimal places are accepted.
 */
public record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency) {

    /** Enough for every currency's minor unit and for unit prices; more is a typing error. */
    public static final int MAX_DECIMAL_PLACES = 6;

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (amount.scale() < 0) {
            amount = amount.setScale(0);
        }
        if (amount.scale() > MAX_DECIMAL_PLACES) {
            throw new IllegalArgumentException("amount must have at most " + MAX_DECIMAL_PLACES
                    + " decimal places: " + amount.toPlainString());
        }
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
