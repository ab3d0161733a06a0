package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.Bounds;

/** Reopens a won or lost deal in the stage it was closed from. */
public record ReopenDeal(String dealId, Long expectedVersion, Instant occurredAt) implements AggregateCommand {

    public ReopenDeal {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("dealId", dealId, Bounds.ID_LENGTH);
        Bounds.time("occurredAt", occurredAt);
    }

    @Override
    public String targetAggregateId() {
        return dealId;
    }
}
