package dev.salespipeline.analytics.activity;

import java.util.Objects;

import dev.salespipeline.api.metrics.ManagerActivity;
import dev.salespipeline.api.metrics.PeriodType;

/**
 * A change to one row of a person's activity, or what one cell adds to it ({@link ActivityCell#rows()}): the
 * counts to add (negative to take back what was counted before), for the row of {@link #key()}.
 *
 * @param pipelineId the pipeline, or {@value ManagerActivity#ALL_PIPELINES} for all pipelines
 * @param personId   who did it
 */
public record ActivityDelta(String pipelineId, String personId, PeriodType periodType, String period,
                            ActivityCounts counts) {

    public ActivityDelta {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(periodType, "periodType");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(counts, "counts");
    }

    ActivityDelta plus(ActivityDelta other) {
        return new ActivityDelta(pipelineId, personId, periodType, period, counts.plus(other.counts));
    }

    /** The row's key on the metric topic and in the aggregate store. */
    public String key() {
        return ManagerActivity.key(pipelineId, personId, periodType, period);
    }
}
