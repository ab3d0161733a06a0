package dev.salespipeline.analytics.book;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import dev.salespipeline.analytics.deal.DealStatus;
import dev.salespipeline.api.metrics.MetricKey;

/**
 * One deal as the owner's book keeps it (store {@value OwnerBookTopology#DEALS_STORE}): what it needs of the
 * deal's state, its open tasks folded from the task events, and the entry it was last counted as.
 *
 * @param state        what the book needs of the deal's latest state; null while only task events of the deal
 *                     have been read
 * @param openTasks    due time of each open task, by task id
 * @param taskSequence aggregate sequence of the latest task event applied; -1 before any
 * @param counted      the entry last sent to the books; null when the deal counts for nothing
 */
record BookDeal(String dealId, DealFacts state, Map<String, Instant> openTasks, long taskSequence,
                DealEntry counted) {

    BookDeal {
        openTasks = openTasks == null ? Map.of() : Map.copyOf(openTasks);
    }

    static BookDeal empty(String dealId) {
        return new BookDeal(dealId, null, Map.of(), -1, null);
    }

    BookDeal withState(DealFacts newState) {
        return new BookDeal(dealId, newState, openTasks, taskSequence, counted);
    }

    /** The deal after a task event; a redelivered one (at or below the latest applied) changes nothing. */
    BookDeal withTask(TaskChange task) {
        if (task.sequence() <= taskSequence) {
            return this;
        }
        Map<String, Instant> tasks = new TreeMap<>(openTasks);
        if (task.open()) {
            tasks.put(task.taskId(), task.dueAt());
        } else {
            tasks.remove(task.taskId());
        }
        return new BookDeal(dealId, state, tasks, task.sequence(), counted);
    }

    BookDeal withCounted(DealEntry entry) {
        return new BookDeal(dealId, state, openTasks, taskSequence, entry);
    }

    /** The earliest due time of an open task not yet overdue at {@code now}, for an open deal; else null. */
    Instant nextDueAt(Instant now) {
        if (state == null || state.status() != DealStatus.OPEN) {
            return null;
        }
        return openTasks.values().stream().filter(dueAt -> !dueAt.isBefore(now)).min(Instant::compareTo).orElse(null);
    }

    /**
     * What the deal counts for now: an open deal with its overdue tasks at the wall-clock instant {@code now}
     * (a task is overdue once its due time is before now), a won deal with an amount, or nothing.
     */
    DealEntry entryAt(Instant now) {
        if (state == null) {
            return null;
        }
        String channel = state.sourceChannel() == null ? MetricKey.NO_SOURCE_CHANNEL : state.sourceChannel();
        if (state.status() == DealStatus.OPEN) {
            int overdue = (int) openTasks.values().stream().filter(dueAt -> dueAt.isBefore(now)).count();
            return new DealEntry(state.pipelineId(), state.ownerId(), channel, true, state.stageId(), state.amount(),
                    openTasks.isEmpty(), overdue, null);
        }
        if (state.status() == DealStatus.WON && state.amount() != null && state.closedAt() != null) {
            return new DealEntry(state.pipelineId(), state.ownerId(), channel, false, null, state.amount(), false, 0,
                    state.closedAt());
        }
        return null;
    }
}
