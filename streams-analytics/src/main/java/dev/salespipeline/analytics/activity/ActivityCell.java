package dev.salespipeline.analytics.activity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.salespipeline.api.metrics.ManagerActivity;
import dev.salespipeline.api.metrics.PeriodType;

/**
 * A finest cell of a person's activity: one person, one pipeline and one company-local day (store
 * {@value ManagerActivityTopology#CELLS_STORE}), or a change to one, as sent to the person's partition. Every row
 * of the person is a sum of cells: the cell counts in the rows of its pipeline and of all pipelines, of the day,
 * week, month and quarter holding its day. A cell of pipeline {@value ManagerActivity#ALL_PIPELINES} holds what
 * was done in no known pipeline (a call matched to no deal) and counts in the all-pipelines rows only.
 *
 * @param counts every figure but cards changed, which is zero here
 * @param cards  the cards changed the cell holds for each of its rows ({@link ChangedCards})
 */
public record ActivityCell(String pipelineId, String personId, LocalDate day, ActivityCounts counts,
                           ChangedCards cards) {

    public ActivityCell {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(day, "day");
        counts = counts == null ? ActivityCounts.NONE : counts;
        cards = cards == null ? ChangedCards.NONE : cards;
    }

    /** The cell's key in its store: that of its own row of the day. */
    public String key() {
        return ManagerActivity.key(pipelineId, personId, PeriodType.DAY, day.toString());
    }

    ActivityCell plus(ActivityCell other) {
        return new ActivityCell(pipelineId, personId, day, counts.plus(other.counts), cards.plus(other.cards));
    }

    ActivityCell negated() {
        return new ActivityCell(pipelineId, personId, day, counts.negated(), cards.negated());
    }

    boolean isZero() {
        return counts.isZero() && cards.isZero();
    }

    /** What the cell adds to each row it counts in, its cards changed those it holds for the row. */
    List<ActivityDelta> rows() {
        List<ActivityDelta> rows = new ArrayList<>(8);
        for (String pipeline : ShiftCells.pipelines(pipelineId)) {
            boolean all = ManagerActivity.ALL_PIPELINES.equals(pipeline);
            for (PeriodType type : PeriodType.values()) {
                rows.add(new ActivityDelta(pipeline, personId, type, type.label(day),
                        counts.withCardsChanged(cards.of(type, all))));
            }
        }
        return rows;
    }
}
