package dev.salespipeline.api.target;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.Bounds;

/**
 * Withdraws a sales target: it no longer counts, and takes no changes. {@code reason} is optional.
 */
public record WithdrawSalesTarget(String targetId, String reason, Long expectedVersion, Instant occurredAt)
        implements AggregateCommand {

    public WithdrawSalesTarget {
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("targetId", targetId, Bounds.EXTERNAL_ID_LENGTH);
        Bounds.text("reason", reason, Bounds.TEXT_LENGTH);
        Bounds.time("occurredAt", occurredAt);
    }

    /** Withdraws the target whatever its version. */
    public WithdrawSalesTarget(String targetId, String reason, Instant occurredAt) {
        this(targetId, reason, null, occurredAt);
    }

    @Override
    public String targetAggregateId() {
        return targetId;
    }
}
