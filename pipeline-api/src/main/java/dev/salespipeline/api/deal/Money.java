package dev.salespipeline.api.deal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;

import dev.salespipeline.api.Bounds;

/**
 * An amount in a currency (ISO 4217 code). Amounts of deals are never negative.
 * In JSON the amount is a decimal string ({@code "1500.00"}), so no reader turns it into a binary
 * floating-point number and loses cents or scale. The string is always plain decimal notation: an
 * amount given with an exponent ({@code 1E+3}) is kept as {@code 1000}.
 *
 * <p>An amount has at most {@value Bounds#AMOUNT_INTEGER_DIGITS} integer and {@value #MAX_DECIMAL_PLACES}
 * decimal places ({@link Bounds}), whichever notation it was given in: {@code 1E+15} (16 integer digits) and
 * {@code 0.00001} are refused, never rounded. Trailing zeros beyond the fourth decimal place change no value
 * and are dropped ({@code 1.500000} is kept as {@code 1.5000}). Every amount therefore fits the readers'
 * decimal types (MongoDB's Decimal128 has 34 digits), whichever way it reached an event: REST, webhook,
 * ingest topic, upcaster or snapshot.
 */
public record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency) {

    /** Enough for every currency's minor unit and for unit prices; more is a typing error. */
    public static final int MAX_DECIMAL_PLACES = Bounds.AMOUNT_FRACTION_DIGITS;

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount must not be negative: " + amount);
        }
        // Checked before the scale is touched: expanding 1E+400 to plain digits would be wasted work.
        if (!Bounds.isAmount(amount)) {
            throw new IllegalArgumentException("amount must have at most " + Bounds.AMOUNT_INTEGER_DIGITS
                    + " integer digits and " + MAX_DECIMAL_PLACES + " decimal places: " + amount);
        }
        if (amount.scale() < 0) {
            amount = amount.setScale(0);
        } else if (amount.scale() > MAX_DECIMAL_PLACES) {
            amount = amount.setScale(MAX_DECIMAL_PLACES, RoundingMode.UNNECESSARY);
        }
        if (currency.length() != 3 || !currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code such as EUR: "
                    + Bounds.text("currency", currency, Bounds.NAME_LENGTH));
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
