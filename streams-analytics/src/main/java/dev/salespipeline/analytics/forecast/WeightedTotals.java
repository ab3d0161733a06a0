package dev.salespipeline.analytics.forecast;

import java.math.BigDecimal;

import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.metrics.WeightedPipeline;

/** One weighted-pipeline row as it is aggregated (store {@value ForecastTopology#WEIGHTED_STORE}). */
public record WeightedTotals(String pipelineId, String ownerId, String sourceChannel, PeriodType periodType,
                             String period, String currency, long openDeals, BigDecimal amount,
                             BigDecimal weightedAmount) {

    /** The row with {@code removed} taken out and {@code added} put in; either may be null, not both. */
    static WeightedTotals apply(WeightedTotals totals, ForecastContribution removed, ForecastContribution added) {
        ForecastContribution any = added != null ? added : removed;
        WeightedTotals row = totals != null ? totals
                : new WeightedTotals(any.pipelineId(), any.ownerId(), any.sourceChannel(), any.periodType(),
                        any.period(), any.currency(), 0, BigDecimal.ZERO, BigDecimal.ZERO);
        if (removed != null) {
            row = row.plus(removed, -1);
        }
        if (added != null) {
            row = row.plus(added, 1);
        }
        return row;
    }

    private WeightedTotals plus(ForecastContribution contribution, int sign) {
        BigDecimal factor = BigDecimal.valueOf(sign);
        return new WeightedTotals(pipelineId, ownerId, sourceChannel, periodType, period, currency, openDeals + sign,
                amount.add(contribution.amount().multiply(factor)),
                weightedAmount.add(contribution.weightedAmount().multiply(factor)));
    }

    public WeightedPipeline metric() {
        return new WeightedPipeline(pipelineId, ownerId, sourceChannel, periodType, period, currency, openDeals,
                Amounts.plain(amount), Amounts.plain(weightedAmount));
    }
}
