package dev.salespipeline.api.activity;

import dev.salespipeline.api.DomainEvent;

/**
 * An event of a call or email reported by an outside system. Its aggregate is the activity itself, whose
 * id ({@link ActivityIds}) is derived from the source system and external id.
 *
 * <p>Counting rule for activity metrics: an activity delivered to a deal also appears there as
 * {@link dev.salespipeline.api.deal.CallLogged} or {@link dev.salespipeline.api.deal.EmailLogged} whose
 * {@code callId} / {@code emailId} is the activity id. Consumers count each activity id once.
 */
public sealed interface ActivityEvent extends DomainEvent permits ActivityReceived, ActivityAttached {

    String activityId();

    @Override
    default String aggregateId() {
        return activityId();
    }
}
