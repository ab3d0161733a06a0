package dev.salespipeline.api.target;

import java.time.Instant;
import java.util.Objects;

/**
 * A sales target was withdrawn: from now on it does not count. {@code reason} may be null.
 */
public record SalesTargetWithdrawn(String targetId, String reason, Instant occurredAt) implements SalesTargetEvent {

    public SalesTargetWithdrawn {
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
