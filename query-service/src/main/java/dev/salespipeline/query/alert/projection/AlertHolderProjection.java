package dev.salespipeline.query.alert.projection;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.query.events.Projection;

/**
 * A deal's alert is read by whoever holds the deal now: when it is handed over, its alert document takes the new
 * owner and team at once, so that the previous owner no longer finds it in {@code GET /alerts/stalled-deals} while
 * streams-analytics has not written the alert again. (An alert that arrives after the hand-over takes the holder
 * from the deal's access document, see {@link StalledDealAlertProjection}.)
 */
@Component
class AlertHolderProjection implements Projection {

    private final MongoTemplate mongo;

    AlertHolderProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void apply(EventEnvelope<?> envelope) {
        if (envelope.payload() instanceof DealHandedOver handedOver) {
            mongo.updateFirst(Query.query(where("_id").is(handedOver.dealId())),
                    new Update().set("ownerId", handedOver.ownerId()).set("teamId", handedOver.teamId()),
                    StalledDealAlertView.COLLECTION);
        }
    }
}
