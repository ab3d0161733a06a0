package dev.salespipeline.analytics.activity;

/**
 * What {@link DealWork} sends on: either a fact about a call or email, for {@link ActivityCounting} (keyed by
 * its id), or a delta of a row (keyed by the row).
 */
record WorkItem(ActivityFact fact, ActivityDelta delta) {

    static WorkItem of(ActivityFact fact) {
        return new WorkItem(fact, null);
    }

    static WorkItem of(ActivityDelta delta) {
        return new WorkItem(null, delta);
    }
}
