package dev.salespipeline.api.target;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.Bounds;

/**
 * Changes the amount of a sales target, in the target's currency.
 */
public record ChangeSalesTarget(String targetId, Money amount, Long expectedVersion, Instant occurredAt)
        implements AggregateCommand {

    public ChangeSalesTarget {
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("targetId", targetId, Bounds.EXTERNAL_ID_LENGTH);
        Bounds.time("occurredAt", occurredAt);
    }

    @Override
    public String targetAggregateId() {
        return targetId;
    }
}
