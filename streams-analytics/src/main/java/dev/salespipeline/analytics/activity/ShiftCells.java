package dev.salespipeline.analytics.activity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.metrics.ManagerActivity;

/**
 * Puts what one thing counts for into its finest cell ({@link ActivityCell}), works out what changed between
 * two sets of cells, and the rows that cells add up to. A thing done at an instant in a pipeline counts in the cell
 * of that pipeline, the person and the company-local day of the instant, and through it in that pipeline's rows
 * and in the all-pipelines rows, for each of the four period types holding the day; a thing with no pipeline (a
 * call matched to no deal) counts in the person's cell of all pipelines, and so in the all-pipelines rows only.
 */
final class ShiftCells {

    private ShiftCells() {
    }

    /** The pipeline of the cell of a thing done in {@code pipelineId}: itself, or all pipelines if null. */
    static String cellPipeline(String pipelineId) {
        return pipelineId == null ? ManagerActivity.ALL_PIPELINES : pipelineId;
    }

    /** The pipelines a cell of {@code pipelineId} counts in: that one and all; all alone if it is all. */
    static List<String> pipelines(String pipelineId) {
        return pipelineId == null || ManagerActivity.ALL_PIPELINES.equals(pipelineId)
                ? List.of(ManagerActivity.ALL_PIPELINES)
                : List.of(pipelineId, ManagerActivity.ALL_PIPELINES);
    }

    /** Adds the counts to the cell of the thing. */
    static void add(Map<String, ActivityCell> cells, String personId, String pipelineId, Instant at,
                    ActivityCounts counts, CompanyPeriods periods) {
        add(cells, new ActivityCell(cellPipeline(pipelineId), personId, periods.date(at), counts, ChangedCards.NONE));
    }

    /** Adds cards changed to the cell of a person, pipeline and day. */
    static void add(Map<String, ActivityCell> cells, String personId, String pipelineId, LocalDate day,
                    ChangedCards cards) {
        add(cells, new ActivityCell(cellPipeline(pipelineId), personId, day, ActivityCounts.NONE, cards));
    }

    private static void add(Map<String, ActivityCell> cells, ActivityCell cell) {
        cells.merge(cell.key(), cell, ActivityCell::plus);
    }

    /** The changes that turn the cells counted before into the cells counted now; cells that did not change send none. */
    static List<ActivityCell> difference(Map<String, ActivityCell> before, Map<String, ActivityCell> now) {
        Set<String> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(now.keySet());
        List<ActivityCell> changes = new ArrayList<>();
        for (String key : keys) {
            ActivityCell old = before.get(key);
            ActivityCell current = now.get(key);
            ActivityCell change = current == null ? old.negated() : old == null ? current : current.plus(old.negated());
            if (!change.isZero()) {
                changes.add(change);
            }
        }
        return changes;
    }

    /** The rows the cells add up to, by row key ({@link ActivityDelta#key()}). */
    static Map<String, ShiftActivity> rowsOf(Iterable<ActivityCell> cells) {
        Map<String, ShiftActivity> rows = new LinkedHashMap<>();
        for (ActivityCell cell : cells) {
            for (ActivityDelta row : cell.rows()) {
                rows.put(row.key(), ShiftActivity.apply(rows.get(row.key()), row));
            }
        }
        return rows;
    }

    /** What changes of cells change in the rows, by row key; rows they leave as they were are left out. */
    static Map<String, ActivityDelta> rowChanges(Iterable<ActivityCell> changes) {
        Map<String, ActivityDelta> rows = new LinkedHashMap<>();
        for (ActivityCell change : changes) {
            for (ActivityDelta row : change.rows()) {
                rows.merge(row.key(), row, ActivityDelta::plus);
            }
        }
        rows.values().removeIf(row -> row.counts().isZero());
        return rows;
    }

    /** A fresh map for {@link #add}, in the order cells are added. */
    static Map<String, ActivityCell> cells() {
        return new LinkedHashMap<>();
    }
}
