package dev.salespipeline.analytics.activity;

/**
 * What {@link DealWork} sends on: either a fact about a call or email, for {@link ActivityCounting} (keyed by
 * its id), or the changes of a person's rows (keyed by the person).
 */
record WorkItem(ActivityFact fact, ActivityDeltas deltas) {

    static WorkItem of(ActivityFact fact) {
        return new WorkItem(fact, null);
    }

    static WorkItem of(ActivityDeltas deltas) {
        return new WorkItem(null, deltas);
    }
}
