package dev.salespipeline.analytics.forecast;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

import dev.salespipeline.analytics.deal.DealStatus;
import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.PaymentPlanDeal;
import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.metrics.WeightedPipeline;
import dev.salespipeline.api.deal.Money;

/**
 * What one deal adds to one figure of the forecast family.
 *
 * @param kind              which figure
 * @param pipelineId        the pipeline
 * @param ownerId           {@code WEIGHTED}: the row's owner, null for all; {@code PLAN}: the deal's owner
 * @param sourceChannel     {@code WEIGHTED}: the row's channel, null for all
 * @param periodType        {@code WEIGHTED}: the period's type
 * @param period            {@code WEIGHTED}: the period of the expected close date, or
 *                          {@value WeightedPipeline#NO_DATE}
 * @param subject           {@code COVERAGE_*}: {@code owner:<id>} or {@code team:<id>}
 * @param month             {@code COVERAGE_OPEN}: month of the expected close date; {@code COVERAGE_CLOSED}: month
 *                          of the close ({@code 2027-01})
 * @param currency          the amount's currency; null for a closed deal without an amount
 * @param amount            the deal's amount
 * @param weightedAmount    {@code WEIGHTED}, {@code PLAN}: amount x probability
 * @param dealId            {@code PLAN}: the deal
 * @param expectedCloseDate {@code PLAN}: the expected close date
 * @param probability       {@code PLAN}: the probability in percent
 * @param outcome           {@code COVERAGE_CLOSED}: won or lost
 * @param cycleMillis       {@code COVERAGE_CLOSED}: from opening to the close
 */
public record ForecastContribution(Kind kind, String pipelineId, String ownerId, String sourceChannel,
                                   PeriodType periodType, String period, String subject, String month,
                                   String currency, BigDecimal amount, BigDecimal weightedAmount, String dealId,
                                   LocalDate expectedCloseDate, int probability, DealStatus outcome,
                                   long cycleMillis) {

    public enum Kind {
        /** An open deal with an amount, in a weighted-pipeline row. */
        WEIGHTED,
        /** An open deal with an amount and an expected close date, for the payment plan. */
        PLAN,
        /** An open deal with an amount and an expected close date, for a subject's coverage. */
        COVERAGE_OPEN,
        /** A closed deal, for a subject's win rate, cycle and amount won. */
        COVERAGE_CLOSED
    }

    public ForecastContribution {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pipelineId, "pipelineId");
    }

    static ForecastContribution weighted(String pipelineId, String ownerId, String sourceChannel, PeriodType type,
                                         String period, Money amount, BigDecimal weightedAmount) {
        return new ForecastContribution(Kind.WEIGHTED, pipelineId, ownerId, sourceChannel, type, period, null, null,
                amount.currency(), amount.amount(), weightedAmount, null, null, 0, null, 0);
    }

    static ForecastContribution plan(ForecastDeal deal, BigDecimal weightedAmount) {
        return new ForecastContribution(Kind.PLAN, deal.pipelineId(), deal.ownerId(), null, null, null, null, null,
                deal.amount().currency(), deal.amount().amount(), weightedAmount, deal.dealId(),
                deal.expectedCloseDate(), deal.probability(), null, 0);
    }

    static ForecastContribution coverageOpen(String pipelineId, String subject, String month, Money amount) {
        return new ForecastContribution(Kind.COVERAGE_OPEN, pipelineId, null, null, null, null, subject, month,
                amount.currency(), amount.amount(), null, null, null, 0, null, 0);
    }

    static ForecastContribution coverageClosed(String pipelineId, String subject, String month, Money amount,
                                               DealStatus outcome, long cycleMillis) {
        return new ForecastContribution(Kind.COVERAGE_CLOSED, pipelineId, null, null, null, null, subject, month,
                amount == null ? null : amount.currency(), amount == null ? null : amount.amount(), null, null, null,
                0, outcome, cycleMillis);
    }

    /** Where the contribution sits among one deal's: a change in the same slot is one delta. */
    String slot() {
        return switch (kind) {
            case WEIGHTED -> "weighted|" + aggregateKey();
            case PLAN -> "plan|" + pipelineId;
            case COVERAGE_OPEN, COVERAGE_CLOSED -> kind + "|" + aggregateKey();
        };
    }

    /**
     * The key the figure is aggregated under: the weighted-pipeline row; the pipeline for the payment plan, whose
     * "all owners" row needs every deal of the pipeline; the pipeline and subject for coverage, where the subject's
     * deals meet its targets.
     */
    String aggregateKey() {
        return switch (kind) {
            case WEIGHTED -> WeightedPipeline.key(metricKey(), currency);
            case PLAN -> pipelineId;
            case COVERAGE_OPEN, COVERAGE_CLOSED -> subjectKey(pipelineId, subject);
        };
    }

    MetricKey metricKey() {
        return new MetricKey(pipelineId, ownerId, sourceChannel, periodType, period);
    }

    PaymentPlanDeal planDeal() {
        return new PaymentPlanDeal(dealId, ownerId, expectedCloseDate, new Money(amount, currency), probability,
                Amounts.plain(weightedAmount));
    }

    static String subjectKey(String pipelineId, String subject) {
        return pipelineId + "|" + subject;
    }
}
