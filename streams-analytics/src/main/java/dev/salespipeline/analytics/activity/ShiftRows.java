package dev.salespipeline.analytics.activity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.metrics.ManagerActivity;
import dev.salespipeline.api.metrics.PeriodType;

/**
 * Spreads what one thing counts for over the rows it belongs to, and works out what changed between two
 * sets of rows. A thing done at an instant in a pipeline counts in that pipeline's rows and in the all-pipelines
 * rows, for each of the four period types holding the instant in the company's time zone; a thing with no
 * pipeline (a call matched to no deal) counts in the all-pipelines rows only.
 */
final class ShiftRows {

    private ShiftRows() {
    }

    /** The pipelines a thing done in {@code pipelineId} counts in: that one and all; all alone if null. */
    static List<String> pipelines(String pipelineId) {
        return pipelineId == null || ManagerActivity.ALL_PIPELINES.equals(pipelineId)
                ? List.of(ManagerActivity.ALL_PIPELINES)
                : List.of(pipelineId, ManagerActivity.ALL_PIPELINES);
    }

    /** Adds the counts to every row the thing belongs to. */
    static void add(Map<String, ActivityDelta> rows, String personId, String pipelineId, Instant at,
                    ActivityCounts counts, CompanyPeriods periods) {
        for (String pipeline : pipelines(pipelineId)) {
            for (PeriodType type : PeriodType.values()) {
                ActivityDelta row = new ActivityDelta(pipeline, personId, type, periods.label(type, at), counts);
                rows.merge(row.key(), row, (old, added) -> new ActivityDelta(old.pipelineId(), old.personId(),
                        old.periodType(), old.period(), old.counts().plus(added.counts())));
            }
        }
    }

    /** The deltas that turn the rows counted before into the rows counted now; rows that did not change send none. */
    static List<ActivityDelta> difference(Map<String, ActivityDelta> before, Map<String, ActivityDelta> now) {
        Set<String> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(now.keySet());
        List<ActivityDelta> deltas = new ArrayList<>();
        for (String key : keys) {
            ActivityDelta old = before.get(key);
            ActivityDelta current = now.get(key);
            ActivityDelta any = current != null ? current : old;
            ActivityCounts change = (current == null ? ActivityCounts.NONE : current.counts())
                    .minus(old == null ? ActivityCounts.NONE : old.counts());
            if (!change.isZero()) {
                deltas.add(new ActivityDelta(any.pipelineId(), any.personId(), any.periodType(), any.period(), change));
            }
        }
        return deltas;
    }

    /** A fresh map for {@link #add}, in the order rows are added. */
    static Map<String, ActivityDelta> rows() {
        return new LinkedHashMap<>();
    }
}
