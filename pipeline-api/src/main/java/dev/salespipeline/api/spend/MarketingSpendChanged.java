package dev.salespipeline.api.spend;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.deal.Money;

/**
 * The amount of a marketing spend changed. {@code previous} is what it was, kept so that the history shows old
 * and new value without replaying the spend.
 */
public record MarketingSpendChanged(String spendId, Money previous, Money amount, Instant occurredAt)
        implements MarketingSpendEvent {

    public MarketingSpendChanged {
        Objects.requireNonNull(spendId, "spendId");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
