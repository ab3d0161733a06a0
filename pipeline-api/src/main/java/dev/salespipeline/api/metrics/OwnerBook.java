package dev.salespipeline.api.metrics;

import java.time.Instant;
import java.util.Objects;

/**
 * What a manager sees of an owner's book of deals in a pipeline on one working day, cut by source channel, on
 * {@link dev.salespipeline.api.Topics#METRICS_OWNER_BOOK}: the open deals, those without a next action, the
 * overdue tasks and the stage holding most of the open deals (the owner's bottleneck). The figures are a
 * snapshot of the present, kept in the row of the company's current day ({@link PeriodType#DAY}); a past day's
 * row holds the figures as they stood at the end of that day. Definitions: {@code docs/metrics.md}.
 *
 * @param pipelineId        the pipeline
 * @param ownerId           the deals' current owner, or null for all owners
 * @param sourceChannel     the deals' source channel ({@value MetricKey#NO_SOURCE_CHANNEL} for none), or null for
 *                          all
 * @param periodType        always {@link PeriodType#DAY}: the working day (shift) in the company's time zone
 * @param period            the day, {@code 2026-11-16}
 * @param openDeals         open deals now (at the end of the day for a past day)
 * @param withoutNextAction open deals without an open task
 * @param overdueTasks      open tasks of the open deals whose due time has passed, by the wall clock
 * @param bottleneckStageId the stage holding most of the open deals (on a tie, the earliest in the pipeline's
 *                          current order); null when no deal is open
 * @param bottleneckDeals   the open deals in that stage; 0 when no deal is open
 * @param asOf              wall-clock time at which the figures were taken
 */
public record OwnerBook(String pipelineId, String ownerId, String sourceChannel, PeriodType periodType,
                        String period, long openDeals, long withoutNextAction, long overdueTasks,
                        String bottleneckStageId, long bottleneckDeals, Instant asOf) {

    public OwnerBook {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(periodType, "periodType");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(asOf, "asOf");
    }
}
