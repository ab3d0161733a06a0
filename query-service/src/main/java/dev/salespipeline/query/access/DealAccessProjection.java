package dev.salespipeline.query.access;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.query.events.Projection;

/**
 * Keeps {@link DealAccess} documents from the events that set a deal's owner and team. The opening
 * creates the document only if it is missing; a hand-over applies only to a document that has not seen
 * it or a later event, so duplicates and replays change nothing.
 */
@Component
class DealAccessProjection implements Projection {

    private final MongoTemplate mongo;

    DealAccessProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void apply(EventEnvelope<?> envelope) {
        if (envelope.payload() instanceof DealOpened opened) {
            mongo.upsert(Query.query(where("_id").is(opened.dealId())), new Update()
                    .setOnInsert("ownerId", opened.ownerId())
                    .setOnInsert("teamId", opened.teamId())
                    .setOnInsert("lastSequence", envelope.aggregateSequence()), DealAccess.class);
        } else if (envelope.payload() instanceof DealHandedOver handedOver) {
            mongo.updateFirst(Query.query(where("_id").is(handedOver.dealId())
                            .and("lastSequence").lt(envelope.aggregateSequence())),
                    new Update().set("ownerId", handedOver.ownerId())
                            .set("teamId", handedOver.teamId())
                            .set("lastSequence", envelope.aggregateSequence()),
                    DealAccess.class);
        }
    }
}
