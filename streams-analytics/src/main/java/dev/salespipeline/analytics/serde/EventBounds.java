package dev.salespipeline.analytics.serde;

import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.deal.DealAmountChanged;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealWon;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.target.SalesTargetChanged;
import dev.salespipeline.api.target.SalesTargetSet;

/**
 * The values the metrics can carry, checked once when an event is read. Amounts are summed into pipeline,
 * forecast, velocity and deal-size figures that query-service stores as MongoDB {@code Decimal128} (34
 * significant digits): an amount of at most {@value #MAX_AMOUNT_INTEGER_DIGITS} integer digits (the
 * contract's bound) leaves room for the sums of many deals and for their decimals, a longer one would make
 * every figure it enters unstorable downstream.
 */
final class EventBounds {

    static final int MAX_AMOUNT_INTEGER_DIGITS = 15;

    private EventBounds() {
    }

    /** The event itself, or an {@link AmountOutOfRangeException} when one of its amounts is out of bounds. */
    static DomainEvent check(DomainEvent event) {
        if (event instanceof DealOpened opened) {
            check(opened.amount());
        } else if (event instanceof DealAmountChanged changed) {
            check(changed.amount());
            check(changed.previous());
        } else if (event instanceof DealWon won) {
            check(won.amount());
        } else if (event instanceof SalesTargetSet set) {
            check(set.amount());
        } else if (event instanceof SalesTargetChanged changed) {
            check(changed.amount());
            check(changed.previous());
        }
        return event;
    }

    private static void check(Money money) {
        if (money != null && money.amount().precision() - money.amount().scale() > MAX_AMOUNT_INTEGER_DIGITS) {
            throw new AmountOutOfRangeException("amount has more than " + MAX_AMOUNT_INTEGER_DIGITS
                    + " integer digits: " + money.amount().toPlainString() + " " + money.currency());
        }
    }
}
