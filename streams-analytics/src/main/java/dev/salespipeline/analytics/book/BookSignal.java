package dev.salespipeline.analytics.book;

import dev.salespipeline.analytics.deal.DealState;

/**
 * What reaches a deal's entry in the owner's book, keyed by deal id: the deal's new state (from the shared
 * deal table), or one of its task events. Signals are never written to a topic.
 *
 * @param deal the deal's new state, for a deal change (null when the deal has no state)
 * @param task a task event; null for a deal change
 */
record BookSignal(DealState deal, TaskChange task) {

    static BookSignal dealChanged(DealState deal) {
        return new BookSignal(deal, null);
    }

    static BookSignal task(TaskChange task) {
        return new BookSignal(null, task);
    }
}
