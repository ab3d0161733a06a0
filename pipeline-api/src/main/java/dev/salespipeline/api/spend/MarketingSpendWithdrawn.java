package dev.salespipeline.api.spend;

import java.time.Instant;
import java.util.Objects;

/**
 * A marketing spend was withdrawn: from now on it does not count. {@code reason} may be null.
 */
public record MarketingSpendWithdrawn(String spendId, String reason, Instant occurredAt)
        implements MarketingSpendEvent {

    public MarketingSpendWithdrawn {
        Objects.requireNonNull(spendId, "spendId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
