package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.Bounds;

/** Closes an open deal as lost, for one of its pipeline's lost reasons; the comment is optional. */
public record LoseDeal(String dealId, String reason, String comment, Long expectedVersion, Instant occurredAt)
        implements AggregateCommand {

    public LoseDeal {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("dealId", dealId, Bounds.ID_LENGTH);
        Bounds.text("reason", reason, Bounds.NAME_LENGTH);
        Bounds.text("comment", comment, Bounds.TEXT_LENGTH);
        Bounds.time("occurredAt", occurredAt);
    }

    @Override
    public String targetAggregateId() {
        return dealId;
    }
}
