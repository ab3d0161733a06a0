package dev.salespipeline.api.metrics;

import java.util.Objects;

/**
 * Win rate over the deals closed in a period, cut by owner and source channel, on
 * {@link dev.salespipeline.api.Topics#METRICS_WIN_RATE}. Definitions: {@code docs/metrics.md}.
 *
 * @param pipelineId    the pipeline the deals were closed in
 * @param ownerId       the deals' current owner, or null for all owners
 * @param sourceChannel the deals' source channel ({@value MetricKey#NO_SOURCE_CHANNEL} for none), or null for all
 * @param periodType    the kind of period
 * @param period        the period the deals were closed in, see {@link PeriodType}
 * @param won           deals won in the period (and not reopened since)
 * @param lost          deals lost in the period (and not reopened since)
 * @param winRate       {@code won / (won + lost)}; null when no deal was closed
 */
public record WinRate(String pipelineId, String ownerId, String sourceChannel, PeriodType periodType, String period,
                      long won, long lost, Double winRate) {

    public WinRate {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(periodType, "periodType");
        Objects.requireNonNull(period, "period");
    }
}
