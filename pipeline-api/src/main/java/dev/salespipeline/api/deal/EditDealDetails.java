package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.Bounds;

/** Replaces the deal's descriptive fields (title, client, source channel, product) with the given ones. */
public record EditDealDetails(String dealId, DealDetails details, Long expectedVersion, Instant occurredAt)
        implements AggregateCommand {

    public EditDealDetails {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("dealId", dealId, Bounds.ID_LENGTH);
        Bounds.time("occurredAt", occurredAt);
    }

    @Override
    public String targetAggregateId() {
        return dealId;
    }
}
