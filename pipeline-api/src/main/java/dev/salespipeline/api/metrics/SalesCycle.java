package dev.salespipeline.api.metrics;

import java.util.Objects;

/**
 * Sales cycle length, from a deal's opening to its win, over the deals won in a period, cut by owner and
 * source channel, on {@link dev.salespipeline.api.Topics#METRICS_SALES_CYCLE}. Definitions:
 * {@code docs/metrics.md}.
 *
 * @param pipelineId    the pipeline the deals were won in
 * @param ownerId       the deals' current owner, or null for all owners
 * @param sourceChannel the deals' source channel ({@value MetricKey#NO_SOURCE_CHANNEL} for none), or null for all
 * @param periodType    the kind of period
 * @param period        the period the deals were won in, see {@link PeriodType}
 * @param won           deals won in the period (and not reopened since)
 * @param meanDays      the mean cycle in days of 24 hours (fractional); null when no deal was won
 * @param medianDays    the median cycle in days, the cycle at rank {@code floor(0.5 (won - 1))}, within 1 %;
 *                      null when no deal was won
 */
public record SalesCycle(String pipelineId, String ownerId, String sourceChannel, PeriodType periodType,
                         String period, long won, Double meanDays, Double medianDays) {

    public SalesCycle {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(periodType, "periodType");
        Objects.requireNonNull(period, "period");
    }
}
