package dev.salespipeline.query.activity.projection;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.mongodb.client.result.UpdateResult;

import dev.salespipeline.api.activity.ActivityAttached;
import dev.salespipeline.api.activity.ActivityMatch;
import dev.salespipeline.api.activity.ActivityReceived;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.query.events.Projection;

/**
 * Keeps {@link UnmatchedActivity} documents: one per activity received without a deal, marked when it
 * is attached to one. Activities matched on arrival are not kept here. Writes are single-document
 * updates keyed by activity id, each applied at most once, so a replayed or duplicated event changes
 * nothing.
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

    private final MongoTemplate mongo;

    UnmatchedActivityProjection(MongoTemplate mongo) {
        this.mongo = mongo;
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

    @Override
    public void apply(EventEnvelope<?> envelope) {
        if (envelope.payload() instanceof ActivityReceived received) {
            if (received.match() == ActivityMatch.UNMATCHED) {
                on(received, envelope);
            }
        } else if (envelope.payload() instanceof ActivityAttached attached) {
            on(attached, envelope);
        }
    }

    private void on(ActivityReceived event, EventEnvelope<?> envelope) {
        Query byId = Query.query(where("_id").is(event.activityId()));
        Update facts = new Update();
        reported(event, envelope).forEach(facts::setOnInsert);
        UpdateResult created = mongo.upsert(byId,
                facts.setOnInsert("ownerId", event.ownerId()).setOnInsert("lastSequence", envelope.aggregateSequence()),
                UnmatchedActivity.class);
        if (created.getUpsertedId() != null) {
            return;
        }
        // The document was there: a redelivery, which finds it received and sets nothing, or an attachment
        // that came first, which this completes. Its owner and sequence come from the attachment, the newer.
        Update completion = new Update();
        reported(event, envelope).forEach(completion::set);
        mongo.updateFirst(Query.query(where("_id").is(event.activityId()).and("receivedAt").exists(false)),
                completion, UnmatchedActivity.class);
    }

    /** What the report says; it never changes once recorded. */
    private static Map<String, Object> reported(ActivityReceived event, EventEnvelope<?> envelope) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sourceSystem", event.sourceSystem());
        fields.put("externalId", event.externalId());
        fields.put("kind", event.kind());
        fields.put("direction", event.direction());
        fields.put("occurredAt", event.occurredAt());
        fields.put("durationSeconds", event.durationSeconds());
        fields.put("answered", event.answered());
        fields.put("phoneNumber", event.phoneNumber());
        fields.put("subject", event.subject());
        fields.put("fromAddress", event.fromAddress());
        fields.put("toAddress", event.toAddress());
        fields.put("receivedAt", envelope.recordedAt());
        return fields;
    }

    private void on(ActivityAttached event, EventEnvelope<?> envelope) {
        long sequence = envelope.aggregateSequence();
        Update attachment = new Update()
                .set("attachedTo", event.dealId())
                .set("attachedAt", event.occurredAt())
                .set("attachedBy", envelope.actor())
                .set("lastSequence", sequence);
        if (event.ownerId() != null) {
            attachment.set("ownerId", event.ownerId());
        }
        // Only a document that has not seen this event or a later one matches.
        UpdateResult applied = mongo.updateFirst(
                Query.query(where("_id").is(event.activityId()).and("lastSequence").lt(sequence)),
                attachment, UnmatchedActivity.class);
        if (applied.getMatchedCount() > 0) {
            return;
        }
        // No such document, or one that is already as new: keep the attachment only if there is none.
        Update early = new Update()
                .setOnInsert("attachedTo", event.dealId())
                .setOnInsert("attachedAt", event.occurredAt())
                .setOnInsert("attachedBy", envelope.actor())
                .setOnInsert("ownerId", event.ownerId())
                .setOnInsert("lastSequence", sequence);
        mongo.upsert(Query.query(where("_id").is(event.activityId())), early, UnmatchedActivity.class);
    }
}
