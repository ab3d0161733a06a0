package dev.salespipeline.analytics.stalled;

import java.time.Instant;
import java.util.Set;

import dev.salespipeline.analytics.deal.DealInPipeline;
import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.deal.CallLogged;
import dev.salespipeline.api.deal.CommentAdded;
import dev.salespipeline.api.deal.EmailLogged;
import dev.salespipeline.api.deal.MeetingLogged;
import dev.salespipeline.api.deal.TaskCancelled;
import dev.salespipeline.api.deal.TaskCompleted;
import dev.salespipeline.api.deal.TaskRescheduled;
import dev.salespipeline.api.deal.TaskScheduled;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.envelope.EventTypes;

/**
 * What reaches the stalled-deal check, keyed by the record's key: a deal's new state with its pipeline's
 * definition (from the shared join), or an event from the source topic, which may be an activity on a deal.
 * Signals are never written to a topic.
 *
 * @param dealChange true for a deal's new state; {@code deal} is then null when the deal has no row (its
 *                   pipeline is not defined)
 * @param activityAt for an activity event, its business time; otherwise null
 * @param recordedAt for an event, when the event store accepted it; otherwise null
 */
record StallSignal(boolean dealChange, DealInPipeline deal, Instant activityAt, Instant recordedAt) {

    /**
     * Work on the deal that resets its idle clock. Stage moves count too, through the deal's state. An email
     * opened is the client's doing, not work on the deal, as on the board.
     */
    static final Set<String> ACTIVITY_TYPES = Set.of(
            EventTypes.nameOf(CallLogged.class), EventTypes.nameOf(EmailLogged.class),
            EventTypes.nameOf(MeetingLogged.class), EventTypes.nameOf(CommentAdded.class),
            EventTypes.nameOf(TaskScheduled.class), EventTypes.nameOf(TaskCompleted.class),
            EventTypes.nameOf(TaskRescheduled.class), EventTypes.nameOf(TaskCancelled.class));

    static StallSignal dealChanged(DealInPipeline deal) {
        return new StallSignal(true, deal, null, null);
    }

    /** Any event: an activity on the deal it is keyed by, or only a sign of how far behind the input is. */
    static StallSignal event(EventEnvelope<DomainEvent> envelope) {
        Instant activityAt = ACTIVITY_TYPES.contains(envelope.type()) ? envelope.occurredAt() : null;
        return new StallSignal(false, null, activityAt, envelope.recordedAt());
    }
}
