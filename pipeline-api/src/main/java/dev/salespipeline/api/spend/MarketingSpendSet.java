package dev.salespipeline.api.spend;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.target.TargetPeriod;

/**
 * Marketing spend was set: what a pipeline spent on one source channel in one month or quarter. The channel is
 * a deal's source channel, as deals name it in their details.
 */
public record MarketingSpendSet(
        String spendId,
        String pipelineId,
        String channel,
        TargetPeriod period,
        Money amount,
        Instant occurredAt) implements MarketingSpendEvent {

    public MarketingSpendSet {
        Objects.requireNonNull(spendId, "spendId");
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
