package dev.salespipeline.api.spend;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.Bounds;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.target.TargetPeriod;

/**
 * Sets what a pipeline spent on one source channel in one month or quarter. The spend id is
 * {@link MarketingSpendIds#of} the pipeline, channel and period.
 */
public record SetMarketingSpend(
        String spendId,
        String pipelineId,
        String channel,
        TargetPeriod period,
        Money amount,
        Instant occurredAt) implements AggregateCommand {

    public SetMarketingSpend {
        Objects.requireNonNull(spendId, "spendId");
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("spendId", spendId, Bounds.EXTERNAL_ID_LENGTH);
        Bounds.text("pipelineId", pipelineId, Bounds.ID_LENGTH);
        MarketingSpendIds.checkChannel(channel);
        Bounds.time("occurredAt", occurredAt);
    }

    @Override
    public String targetAggregateId() {
        return spendId;
    }
}
