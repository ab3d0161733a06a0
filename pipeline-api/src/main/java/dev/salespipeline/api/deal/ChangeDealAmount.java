package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.Bounds;

/**
 * Sets a deal's amount (never negative, always with a currency).
 */
public record ChangeDealAmount(String dealId, Money amount, Long expectedVersion, Instant occurredAt)
        implements AggregateCommand {

    public ChangeDealAmount {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("dealId", dealId, Bounds.ID_LENGTH);
        Bounds.time("occurredAt", occurredAt);
    }

    @Override
    public String targetAggregateId() {
        return dealId;
    }
}
