package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.AggregateCommand;

/** Closes an open deal as lost, for one of its pipeline's lost reasons; the comment is optional. */
public record LoseDeal(String dealId, String reason, String comment, Long expectedVersion, Instant occurredAt)
        implements AggregateCommand {

    public LoseDeal {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    @Override
    public String targetAggregateId() {
        return dealId;
    }
}
