package dev.salespipeline.query.activity.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.activity.ActivityAttached;
import dev.salespipeline.api.activity.ActivityMatch;
import dev.salespipeline.api.activity.ActivityReceived;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.query.events.Documents;
import dev.salespipeline.query.events.Projection;
import dev.salespipeline.query.events.ProjectionBatch;

/**
 * Keeps {@link UnmatchedActivity} documents: one per activity received without a deal, marked when it
 * is attached to one. Activities matched on arrival are not kept here. A batch reads the documents of its
 * activities at once and writes each changed one once, whole; each event changes a document at most once, so a
 * replayed or duplicated event changes nothing.
 *
 * <p>Events of one activity share a partition and arrive in order, so normally its
 * {@link ActivityReceived} comes before its {@link ActivityAttached}. The attachment can still come
 * first when the report was dead-lettered as unreadable and is re-sent later. The attachment is then
 * kept in a document of its own that the report completes when it arrives; until then the document
 * has no {@code receivedAt} and is not shown. Skipping such an attachment instead would leave the
 * re-sent report in the unmatched list for good although it was attached. (An attachment of an activity
 * matched on arrival, which the command side does not accept, would likewise stay such a hidden document.)
 */
@Component
class UnmatchedActivityProjection implements Projection {

    UnmatchedActivityProjection(MongoTemplate mongo) {
        IndexOperations indexes = mongo.indexOps(UnmatchedActivity.COLLECTION);
        // The default list: not attached, newest first.
        indexes.createIndex(new Index().on("attachedTo", Sort.Direction.ASC).on("occurredAt", Sort.Direction.DESC)
                .named("attached_occurred"));
        // A rep's list: their own, newest first.
        indexes.createIndex(new Index().on("ownerId", Sort.Direction.ASC).on("occurredAt", Sort.Direction.DESC)
                .named("owner_occurred"));
        // One document per reported call or email. Documents holding only an early attachment have
        // neither field yet; sparse leaves them out of the index, so that they do not collide as nulls.
        indexes.createIndex(new Index().on("sourceSystem", Sort.Direction.ASC).on("externalId", Sort.Direction.ASC)
                .unique().sparse()
                .named("source_external"));
    }

    private static Documents<UnmatchedActivity> activities(ProjectionBatch batch) {
        return batch.documents(UnmatchedActivity.class, UnmatchedActivity::activityId);
    }

    @Override
    public void load(List<EventEnvelope<?>> events, ProjectionBatch batch) {
        List<String> ids = new ArrayList<>();
        for (EventEnvelope<?> envelope : events) {
            if (envelope.payload() instanceof ActivityReceived received && received.match() == ActivityMatch.UNMATCHED) {
                ids.add(received.activityId());
            } else if (envelope.payload() instanceof ActivityAttached attached) {
                ids.add(attached.activityId());
            }
        }
        activities(batch).load(ids);
    }

    @Override
    public void apply(EventEnvelope<?> envelope, ProjectionBatch batch) {
        Documents<UnmatchedActivity> activities = activities(batch);
        if (envelope.payload() instanceof ActivityReceived received) {
            if (received.match() == ActivityMatch.UNMATCHED) {
                received(activities, received, envelope);
            }
        } else if (envelope.payload() instanceof ActivityAttached attached) {
            attached(activities, attached, envelope);
        }
    }

    private static void received(Documents<UnmatchedActivity> activities, ActivityReceived event,
                                 EventEnvelope<?> envelope) {
        UnmatchedActivity current = activities.get(event.activityId());
        if (current == null) {
            activities.put(reported(event, envelope, event.ownerId(), null, null, null, envelope.aggregateSequence()));
        } else if (current.receivedAt() == null) {
            // An attachment that came first, which this completes. Its owner and sequence come from the attachment, the
            // newer. (A redelivery finds the report received and sets nothing.)
            activities.put(reported(event, envelope, current.ownerId(), current.attachedTo(), current.attachedAt(),
                    current.attachedBy(), current.lastSequence()));
        }
    }

    /** What the report says, which never changes once recorded, with what is known of its attachment. */
    private static UnmatchedActivity reported(ActivityReceived event, EventEnvelope<?> envelope, String ownerId,
                                              String attachedTo, Instant attachedAt, String attachedBy,
                                              long lastSequence) {
        return new UnmatchedActivity(event.activityId(), event.sourceSystem(), event.externalId(), event.kind(),
                event.direction(), event.occurredAt(), event.durationSeconds(), event.answered(), event.phoneNumber(),
                event.subject(), event.fromAddress(), event.toAddress(), ownerId, envelope.recordedAt(), attachedTo,
                attachedAt, attachedBy, lastSequence);
    }

    private static void attached(Documents<UnmatchedActivity> activities, ActivityAttached event,
                                 EventEnvelope<?> envelope) {
        long sequence = envelope.aggregateSequence();
        UnmatchedActivity current = activities.get(event.activityId());
        if (current == null) {
            // No report yet: keep the attachment in a document of its own, which the report completes.
            activities.put(new UnmatchedActivity(event.activityId(), null, null, null, null, null, 0, false, null, null,
                    null, null, event.ownerId(), null, event.dealId(), event.occurredAt(), envelope.actor(), sequence));
        } else if (current.lastSequence() < sequence) {
            activities.put(new UnmatchedActivity(current.activityId(), current.sourceSystem(), current.externalId(),
                    current.kind(), current.direction(), current.occurredAt(), current.durationSeconds(),
                    current.answered(), current.phoneNumber(), current.subject(), current.fromAddress(),
                    current.toAddress(), event.ownerId() != null ? event.ownerId() : current.ownerId(),
                    current.receivedAt(), event.dealId(), event.occurredAt(), envelope.actor(), sequence));
        }
    }
}
