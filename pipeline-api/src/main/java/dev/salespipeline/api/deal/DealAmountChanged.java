package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

/**
 * A deal's amount changed. {@code previous} is what it was (null if it had none), kept so that the
 * history shows old and new value without replaying the deal.
 */
public record DealAmountChanged(String dealId, Money previous, Money amount, Instant occurredAt)
        implements DealEvent {

    public DealAmountChanged {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
