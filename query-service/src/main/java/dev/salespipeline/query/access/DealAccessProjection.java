package dev.salespipeline.query.access;

import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.query.events.Documents;
import dev.salespipeline.query.events.Projection;
import dev.salespipeline.query.events.ProjectionBatch;

/**
 * Keeps {@link DealAccess} documents from the events that set a deal's owner and team. The opening
 * creates the document only if it is missing; a hand-over applies only to a document that has not seen
 * it or a later event, so duplicates and replays change nothing.
 */
@Component
class DealAccessProjection implements Projection {

    /** Who holds which deals, for reads of the deals one caller may see ({@link Visibility#readableDeals}). */
    DealAccessProjection(MongoTemplate mongo) {
        IndexOperations indexes = mongo.indexOps(DealAccess.COLLECTION);
        indexes.createIndex(new Index().on("ownerId", Sort.Direction.ASC).named("owner"));
        indexes.createIndex(new Index().on("teamId", Sort.Direction.ASC).named("team"));
    }

    private static Documents<DealAccess> access(ProjectionBatch batch) {
        return batch.documents(DealAccess.class, DealAccess::dealId, "lastSequence", DealAccess::lastSequence);
    }

    @Override
    public void load(List<EventEnvelope<?>> events, ProjectionBatch batch) {
        access(batch).load(events.stream()
                .filter(envelope -> envelope.payload() instanceof DealOpened || envelope.payload() instanceof DealHandedOver)
                .map(EventEnvelope::aggregateId).toList());
    }

    @Override
    public void apply(EventEnvelope<?> envelope, ProjectionBatch batch) {
        Documents<DealAccess> access = access(batch);
        long sequence = envelope.aggregateSequence();
        if (envelope.payload() instanceof DealOpened opened) {
            if (access.get(opened.dealId()) == null) {
                access.put(new DealAccess(opened.dealId(), opened.ownerId(), opened.teamId(), sequence));
            }
        } else if (envelope.payload() instanceof DealHandedOver handedOver) {
            DealAccess current = access.get(handedOver.dealId());
            if (current != null && current.lastSequence() < sequence) {
                access.put(new DealAccess(handedOver.dealId(), handedOver.ownerId(), handedOver.teamId(), sequence));
            }
        }
    }
}
