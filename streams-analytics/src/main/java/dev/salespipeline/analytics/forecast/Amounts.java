package dev.salespipeline.analytics.forecast;

import java.math.BigDecimal;

/** Exact money arithmetic of the forecast family. */
final class Amounts {

    private Amounts() {
    }

    /** amount x probability percent, exact. */
    static BigDecimal weighted(BigDecimal amount, int probability) {
        return amount.multiply(BigDecimal.valueOf(probability)).movePointLeft(2);
    }

    /** The amount without trailing zeros beyond two decimal places: 600.0000 is 600.00, 3.3033 stays. */
    static BigDecimal plain(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 2 ? stripped.setScale(2) : stripped;
    }

    static BigDecimal orZero(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }
}
