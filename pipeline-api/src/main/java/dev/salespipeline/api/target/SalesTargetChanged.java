package dev.salespipeline.api.target;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.deal.Money;

/**
 * The amount of a sales target changed. {@code previous} is what it was, kept so that the history
 * shows old and new value without replaying the target.
 */
public record SalesTargetChanged(String targetId, Money previous, Money amount, Instant occurredAt)
        implements SalesTargetEvent {

    public SalesTargetChanged {
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
