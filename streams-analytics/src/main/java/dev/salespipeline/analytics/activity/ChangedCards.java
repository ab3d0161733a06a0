package dev.salespipeline.analytics.activity;

import dev.salespipeline.api.metrics.PeriodType;

/**
 * The cards changed that a finest cell of a person's activity holds, for each row it counts in. Cards changed
 * are distinct deals per row, so they cannot be added up from the days: a deal changed on Monday and Tuesday is
 * one card in the week. Each deal therefore counts in one cell per row it belongs to, that of its earliest change
 * in the row's period (and, for the all-pipelines rows, the earliest in any pipeline), for that period type and
 * scope only; a row's cards changed are the sum of its cells' counts for its period type and scope. The first four
 * fields count in the cell's pipeline's rows, the {@code all} ones in the all-pipelines rows.
 */
public record ChangedCards(long day, long week, long month, long quarter, long allDay, long allWeek, long allMonth,
                           long allQuarter) {

    static final ChangedCards NONE = new ChangedCards(0, 0, 0, 0, 0, 0, 0, 0);

    /** One deal, counted in the rows of the period type, in the cell's pipeline or in all pipelines. */
    static ChangedCards one(PeriodType type, boolean allPipelines) {
        long[] counts = new long[8];
        counts[index(type, allPipelines)] = 1;
        return of(counts);
    }

    /** The deals counted in the rows of the period type, in the cell's pipeline or in all pipelines. */
    long of(PeriodType type, boolean allPipelines) {
        return counts()[index(type, allPipelines)];
    }

    ChangedCards plus(ChangedCards other) {
        long[] mine = counts();
        long[] theirs = other.counts();
        for (int i = 0; i < mine.length; i++) {
            mine[i] += theirs[i];
        }
        return of(mine);
    }

    ChangedCards negated() {
        long[] mine = counts();
        for (int i = 0; i < mine.length; i++) {
            mine[i] = -mine[i];
        }
        return of(mine);
    }

    boolean isZero() {
        return equals(NONE);
    }

    private static int index(PeriodType type, boolean allPipelines) {
        return (allPipelines ? 4 : 0) + switch (type) {
            case DAY -> 0;
            case WEEK -> 1;
            case MONTH -> 2;
            case QUARTER -> 3;
        };
    }

    private long[] counts() {
        return new long[] {day, week, month, quarter, allDay, allWeek, allMonth, allQuarter};
    }

    private static ChangedCards of(long[] counts) {
        return new ChangedCards(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6],
                counts[7]);
    }
}
