package dev.salespipeline.analytics.activity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.metrics.ManagerActivity;
import dev.salespipeline.api.metrics.PeriodType;

/**
 * What the manager-activity family keeps per deal (store {@code manager-activity-deals}): the pipeline it is in,
 * who changed it on which day, the due-time settings of its tasks and when its activities took place. The cells the
 * deal counts in (cards changed, tasks rescheduled without activity) are a function of this alone, so a late
 * activity that falls between a task's settings takes back a reschedule counted before.
 *
 * @param pipelineId      the pipeline the deal is in now; null before its opening has been seen
 * @param appliedSequence aggregate sequence of the last event applied, -1 for none
 * @param changes         each person, pipeline and company-local day on which that person changed the deal, once
 * @param tasks           per task id, its first due time setting and each reschedule, in the order they happened
 * @param activityTimes   business times of the calls, emails, meetings and comments on the deal, ascending
 */
public record DealLedger(String pipelineId, long appliedSequence, List<Change> changes, Map<String, List<DueSetting>> tasks,
                  List<Instant> activityTimes) {

    static final DealLedger EMPTY = new DealLedger(null, -1, List.of(), Map.of(), List.of());

    /** A person changed the deal on a day, while it was in a pipeline (null if not known). */
    public record Change(String personId, String pipelineId, LocalDate date) {
    }

    /** A task got a due time (scheduled or rescheduled) at {@code at}, by a person (null for an integration). */
    public record DueSetting(Instant at, String personId, String pipelineId) {
    }

    public DealLedger {
        changes = changes == null ? List.of() : List.copyOf(changes);
        tasks = tasks == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tasks));
        activityTimes = activityTimes == null ? List.of() : List.copyOf(activityTimes);
    }

    DealLedger applied(long sequence) {
        return new DealLedger(pipelineId, sequence, changes, tasks, activityTimes);
    }

    DealLedger inPipeline(String pipeline) {
        return new DealLedger(pipeline, appliedSequence, changes, tasks, activityTimes);
    }

    DealLedger changedBy(String personId, String pipeline, LocalDate date) {
        Change change = new Change(personId, pipeline, date);
        if (changes.contains(change)) {
            return this;
        }
        List<Change> more = new ArrayList<>(changes);
        more.add(change);
        return new DealLedger(pipelineId, appliedSequence, more, tasks, activityTimes);
    }

    /** A task scheduled starts its list of settings; a reschedule adds to it. */
    DealLedger dueSet(String taskId, DueSetting setting, boolean first) {
        Map<String, List<DueSetting>> more = new LinkedHashMap<>(tasks);
        List<DueSetting> settings = new ArrayList<>(first ? List.of() : tasks.getOrDefault(taskId, List.of()));
        settings.add(setting);
        more.put(taskId, settings);
        return new DealLedger(pipelineId, appliedSequence, changes, more, activityTimes);
    }

    DealLedger activityAt(Instant at) {
        List<Instant> times = new ArrayList<>(activityTimes);
        int index = Collections.binarySearch(times, at);
        times.add(index < 0 ? -index - 1 : index, at);
        return new DealLedger(pipelineId, appliedSequence, changes, tasks, times);
    }

    /** Whether a call, email, meeting or comment took place after {@code from} and no later than {@code to}. */
    boolean activityBetween(Instant from, Instant to) {
        int index = Collections.binarySearch(activityTimes, from);
        // the first activity strictly after from
        int next = index < 0 ? -index - 1 : index + 1;
        while (next < activityTimes.size() && activityTimes.get(next).equals(from)) {
            next++;
        }
        return next < activityTimes.size() && !activityTimes.get(next).isAfter(to);
    }

    /**
     * The cells the deal counts in, with what it adds to each. The deal is one changed card in every row of a person
     * and period in which the person changed it, held by the cell of the earliest such change (in the row's
     * pipeline, or in any pipeline for the all-pipelines rows; of two on one day, that of the pipeline first in
     * order), so that the rows the cells add up to count it once ({@link ChangedCards}).
     */
    Map<String, ActivityCell> cells(CompanyPeriods periods) {
        Map<String, ActivityCell> cells = ShiftCells.cells();
        Map<CardRow, Change> earliest = new LinkedHashMap<>();
        for (Change change : changes) {
            String pipeline = ShiftCells.cellPipeline(change.pipelineId());
            for (PeriodType type : PeriodType.values()) {
                String period = type.label(change.date());
                if (!ManagerActivity.ALL_PIPELINES.equals(pipeline)) {
                    earliest.merge(new CardRow(change.personId(), pipeline, type, period), change, DealLedger::earlier);
                }
                earliest.merge(new CardRow(change.personId(), ManagerActivity.ALL_PIPELINES, type, period), change,
                        DealLedger::earlier);
            }
        }
        earliest.forEach((row, change) -> ShiftCells.add(cells, change.personId(), change.pipelineId(),
                change.date(), ChangedCards.one(row.periodType(), ManagerActivity.ALL_PIPELINES.equals(row.pipelineId()))));
        tasks.values().forEach(settings -> {
            for (int i = 1; i < settings.size(); i++) {
                DueSetting reschedule = settings.get(i);
                if (reschedule.personId() != null && !activityBetween(settings.get(i - 1).at(), reschedule.at())) {
                    ShiftCells.add(cells, reschedule.personId(), reschedule.pipelineId(), reschedule.at(),
                            ActivityCounts.RESCHEDULED_WITHOUT_ACTIVITY, periods);
                }
            }
        });
        return cells;
    }

    /**
     * Whether the deal counts in the same cells as in the other ledger: {@link #cells} reads the changes, the tasks'
     * settings and the activities' times alone. Most events (a second move on the same day by the same person)
     * change none of them, and this comparison is far cheaper than working the cells out twice.
     */
    boolean sameCellsAs(DealLedger other) {
        return changes.equals(other.changes) && activityTimes.equals(other.activityTimes) && tasks.equals(other.tasks);
    }

    /** A row of cards changed: a person, a pipeline (or all), a period. */
    private record CardRow(String personId, String pipelineId, PeriodType periodType, String period) {
    }

    /** The earlier change; of two on one day, the one of the pipeline first in order (a pipeline not known first). */
    private static Change earlier(Change one, Change other) {
        int byDate = one.date().compareTo(other.date());
        if (byDate != 0) {
            return byDate < 0 ? one : other;
        }
        return ShiftCells.cellPipeline(one.pipelineId()).compareTo(ShiftCells.cellPipeline(other.pipelineId())) <= 0
                ? one : other;
    }
}
