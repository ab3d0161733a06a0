package dev.salespipeline.api.metrics;

import java.math.BigDecimal;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;

import dev.salespipeline.api.target.SubjectType;

/**
 * Pipeline coverage of one sales target (a pipeline, an owner or a team, a month or a quarter) on
 * {@link dev.salespipeline.api.Topics#METRICS_COVERAGE}. The required multiple is
 * {@code (1 / winRate) x (averageCycleDays / daysInPeriod)}; the actual coverage is the open pipeline expected to
 * close in the period over the target still to win. A withdrawn target's key gets a tombstone. Definitions:
 * {@code docs/metrics.md}.
 *
 * <p>Amounts are decimal strings in JSON, all in the target's currency.
 *
 * @param pipelineId        the pipeline
 * @param subjectType       whom the target is for: an owner or a team
 * @param subjectId         the owner's or the team's id
 * @param ownerId           the owner for an owner target, null for a team target
 * @param periodType        {@link PeriodType#MONTH} or {@link PeriodType#QUARTER}
 * @param period            the target's period, {@code 2026-11} or {@code 2026-Q4}
 * @param daysInPeriod      calendar days in the period
 * @param currency          the target's currency
 * @param target            the target amount
 * @param wonInPeriod       amounts of the subject's deals won in the period, in the currency
 * @param remaining         {@code target - wonInPeriod}; zero or less when the target is met
 * @param openPipeline      amounts of the subject's open deals in the currency expected to close in the period
 * @param actualCoverage    {@code openPipeline / remaining}; null when {@code remaining} is zero or less
 * @param closedDeals       the subject's deals closed in the pipeline so far (won or lost, not reopened)
 * @param wonDeals          of those, the deals won
 * @param winRate           {@code wonDeals / closedDeals}; null when none was closed
 * @param averageCycleDays  mean days from opening to win of the won deals; null when none was won
 * @param requiredCoverage  {@code (1 / winRate) x (averageCycleDays / daysInPeriod)}; null when nothing was won
 */
public record PipelineCoverage(String pipelineId, SubjectType subjectType, String subjectId, String ownerId,
                               PeriodType periodType, String period, int daysInPeriod, String currency,
                               @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal target,
                               @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal wonInPeriod,
                               @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal remaining,
                               @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal openPipeline,
                               Double actualCoverage, long closedDeals, long wonDeals, Double winRate,
                               Double averageCycleDays, Double requiredCoverage) {

    public PipelineCoverage {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(subjectType, "subjectType");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(periodType, "periodType");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(wonInPeriod, "wonInPeriod");
        Objects.requireNonNull(remaining, "remaining");
        Objects.requireNonNull(openPipeline, "openPipeline");
    }

    /**
     * The record key on {@link dev.salespipeline.api.Topics#METRICS_COVERAGE}: the metric key of the pipeline and
     * period (all owners, all channels) followed by the subject, {@code sales|*|*|QUARTER|2027-Q1|owner:anna}.
     */
    public static String key(String pipelineId, PeriodType periodType, String period, SubjectType subjectType,
                             String subjectId) {
        return new MetricKey(pipelineId, null, null, periodType, period).asString() + "|" + subjectType.key() + ":"
                + subjectId;
    }
}
