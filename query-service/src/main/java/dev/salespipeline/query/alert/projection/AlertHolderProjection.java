package dev.salespipeline.query.alert.projection;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.query.events.Projection;
import dev.salespipeline.query.events.ProjectionBatch;

/**
 * A deal's alert is read by whoever holds the deal now: when it is handed over, its alert document takes the new
 * owner and team at once, so that the previous owner no longer finds it in {@code GET /alerts/stalled-deals} while
 * streams-analytics has not written the alert again. (An alert that arrives after the hand-over takes the holder
 * from the deal's access document, see {@link StalledDealAlertProjection}.) Only a deal's last hand-over in a batch
 * is written, in one bulk write for the batch.
 */
@Component
class AlertHolderProjection implements Projection {

    @Override
    public void apply(EventEnvelope<?> envelope, ProjectionBatch batch) {
        // Alerts come from their own topic and are not rebuilt: the live read models keep their holders.
        if (envelope.payload() instanceof DealHandedOver handedOver && !batch.rebuild()) {
            handOvers(batch).put(handedOver.dealId(), handedOver);
        }
    }

    @Override
    public void finish(ProjectionBatch batch) {
        Map<String, DealHandedOver> handOvers = handOvers(batch);
        if (handOvers.isEmpty()) {
            return;
        }
        BulkOperations bulk = batch.mongo().bulkOps(BulkMode.UNORDERED, StalledDealAlertView.COLLECTION);
        handOvers.values().forEach(handedOver -> bulk.updateOne(Query.query(where("_id").is(handedOver.dealId())),
                new Update().set("ownerId", handedOver.ownerId()).set("teamId", handedOver.teamId())));
        bulk.execute();
    }

    private Map<String, DealHandedOver> handOvers(ProjectionBatch batch) {
        return batch.state(this, LinkedHashMap::new);
    }
}
