package dev.salespipeline.api.metrics;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The payment plan of a pipeline, for one owner or all: the open deals expected to close tomorrow and this
 * week, as of {@code today} in the company's time zone, with their totals per currency, on
 * {@link dev.salespipeline.api.Topics#METRICS_PAYMENT_PLAN}. The record describes the present: it is written
 * again when a deal changes and when the company's date rolls over at midnight. Definitions:
 * {@code docs/metrics.md}.
 *
 * @param pipelineId the pipeline
 * @param ownerId    the deals' current owner, or null for all owners
 * @param today      the company's date the plan is for
 * @param tomorrow   the day after {@code today}
 * @param weekEnd    the Sunday ending the ISO week of {@code today}: "this week" is {@code today} to it
 * @param tomorrowTotals per currency (sorted by code), the deals expected to close tomorrow
 * @param thisWeekTotals per currency (sorted by code), the deals expected to close from today to {@code weekEnd}
 * @param deals      every deal in either, sorted by expected close date and deal id
 */
public record PaymentPlan(String pipelineId, String ownerId, LocalDate today, LocalDate tomorrow, LocalDate weekEnd,
                          List<PaymentPlanTotal> tomorrowTotals, List<PaymentPlanTotal> thisWeekTotals,
                          List<PaymentPlanDeal> deals) {

    public PaymentPlan {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(today, "today");
        Objects.requireNonNull(tomorrow, "tomorrow");
        Objects.requireNonNull(weekEnd, "weekEnd");
        tomorrowTotals = tomorrowTotals == null ? List.of() : List.copyOf(tomorrowTotals);
        thisWeekTotals = thisWeekTotals == null ? List.of() : List.copyOf(thisWeekTotals);
        deals = deals == null ? List.of() : List.copyOf(deals);
    }

    /**
     * The record key on {@link dev.salespipeline.api.Topics#METRICS_PAYMENT_PLAN}: {@code pipelineId|ownerId or *}.
     */
    public static String key(String pipelineId, String ownerId) {
        return pipelineId + "|" + (ownerId == null ? MetricKey.ALL : ownerId);
    }
}
