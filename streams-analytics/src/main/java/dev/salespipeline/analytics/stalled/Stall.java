package dev.salespipeline.analytics.stalled;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.alerts.StallReason;

/**
 * One limit a deal is held to, and the instant it passes it if nothing happens first.
 *
 * @param since business time at which the limit is exceeded: the start of the clock plus the limit
 */
record Stall(StallReason reason, Instant since, Duration limit) {

    Stall {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(limit, "limit");
    }

    /** Strictly after {@code since}: a deal is stalled when it has been there longer than the limit. */
    boolean exceededAt(Instant now) {
        return now.isAfter(since);
    }
}
