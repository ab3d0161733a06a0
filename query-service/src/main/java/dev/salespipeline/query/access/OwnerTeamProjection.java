package dev.salespipeline.query.access;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.target.SalesTargetSet;
import dev.salespipeline.api.target.SubjectType;
import dev.salespipeline.query.events.Projection;

/**
 * Keeps {@link OwnerTeam} documents: each owner's team as the latest event that names it says. Events of
 * different deals arrive in any interleaving of their partitions, so "latest" is by the time the event store
 * recorded them (then the event id), never by arrival: a document is replaced only by a later statement, and
 * duplicates and replays change nothing. An event that names no team says nothing about the owner's team.
 */
@Component
class OwnerTeamProjection implements Projection {

    private final MongoTemplate mongo;

    OwnerTeamProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void apply(EventEnvelope<?> envelope) {
        if (envelope.payload() instanceof DealOpened opened) {
            state(opened.ownerId(), opened.teamId(), envelope);
        } else if (envelope.payload() instanceof DealHandedOver handedOver) {
            state(handedOver.ownerId(), handedOver.teamId(), envelope);
        } else if (envelope.payload() instanceof SalesTargetSet set && set.subjectType() == SubjectType.OWNER) {
            state(set.subjectId(), set.teamId(), envelope);
        }
    }

    private void state(String ownerId, String teamId, EventEnvelope<?> envelope) {
        if (ownerId == null || teamId == null) {
            return;
        }
        String order = OwnerTeam.order(envelope.recordedAt(), envelope.eventId());
        // Only a document stated earlier matches.
        Query query = Query.query(where("_id").is(ownerId).and("order").lt(order));
        try {
            mongo.upsert(query, new Update().set("teamId", teamId).set("order", order), OwnerTeam.class);
        } catch (DuplicateKeyException laterKept) {
            // The document holds a later statement: the upsert matched nothing and could not insert.
        }
    }
}
