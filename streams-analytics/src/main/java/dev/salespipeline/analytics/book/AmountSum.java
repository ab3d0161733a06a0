package dev.salespipeline.analytics.book;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A number of deals and the sum of their amounts, in one currency. */
record AmountSum(long deals, BigDecimal total) {

    static final AmountSum NONE = new AmountSum(0, BigDecimal.ZERO);

    AmountSum {
        total = total == null ? BigDecimal.ZERO : total;
    }

    AmountSum plus(BigDecimal amount, int by) {
        return new AmountSum(deals + by, total.add(amount.multiply(BigDecimal.valueOf(by))));
    }

    boolean empty() {
        return deals == 0;
    }

    /** The mean amount, to at least 2 decimal places (the total's if more), half even; null for no deals. */
    BigDecimal average() {
        return deals == 0 ? null
                : total.divide(BigDecimal.valueOf(deals), Math.max(2, total.scale()), RoundingMode.HALF_EVEN);
    }

    /** Same deals and numerically the same total, whatever the scale. */
    boolean sameAs(AmountSum other) {
        return other != null && deals == other.deals && total.compareTo(other.total) == 0;
    }
}
