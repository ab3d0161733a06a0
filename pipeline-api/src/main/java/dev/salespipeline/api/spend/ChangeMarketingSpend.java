package dev.salespipeline.api.spend;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.Bounds;
import dev.salespipeline.api.deal.Money;

/**
 * Changes the amount of a marketing spend, in the spend's currency.
 */
public record ChangeMarketingSpend(String spendId, Money amount, Long expectedVersion, Instant occurredAt)
        implements AggregateCommand {

    public ChangeMarketingSpend {
        Objects.requireNonNull(spendId, "spendId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("spendId", spendId, Bounds.EXTERNAL_ID_LENGTH);
        Bounds.time("occurredAt", occurredAt);
    }

    @Override
    public String targetAggregateId() {
        return spendId;
    }
}
