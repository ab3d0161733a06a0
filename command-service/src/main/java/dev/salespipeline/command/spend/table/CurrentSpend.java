package dev.salespipeline.command.spend.table;

import java.time.Instant;

import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.target.TargetPeriod;

/**
 * A marketing spend that counts now, as {@link MarketingSpendTable} holds it.
 *
 * @param version   the spend's version, as its ETag carries it
 * @param changedAt business time of the last change
 */
public record CurrentSpend(String spendId, String pipelineId, String channel, TargetPeriod period, Money amount,
                           long version, Instant changedAt) {
}
