package dev.salespipeline.api.spend;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.Bounds;

/**
 * Withdraws a marketing spend: it no longer counts, and takes no changes. {@code reason} is optional.
 */
public record WithdrawMarketingSpend(String spendId, String reason, Long expectedVersion, Instant occurredAt)
        implements AggregateCommand {

    public WithdrawMarketingSpend {
        Objects.requireNonNull(spendId, "spendId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("spendId", spendId, Bounds.EXTERNAL_ID_LENGTH);
        Bounds.text("reason", reason, Bounds.TEXT_LENGTH);
        Bounds.time("occurredAt", occurredAt);
    }

    @Override
    public String targetAggregateId() {
        return spendId;
    }
}
