package dev.salespipeline.query.deal.projection;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.deal.DealAmountChanged;
import dev.salespipeline.api.deal.DealDetailsEdited;
import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.deal.DealLost;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealReopened;
import dev.salespipeline.api.deal.DealTransferred;
import dev.salespipeline.api.deal.DealWon;
import dev.salespipeline.api.deal.ExpectedCloseDateChanged;
import dev.salespipeline.api.deal.ProbabilityOverridden;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.query.events.Projection;

/**
 * Keeps {@link DealCard} documents. Writes are single-document upserts keyed by deal id, so a
 * replayed or duplicated event changes nothing.
 */
@Component
class DealCardProjection implements Projection {

    private final MongoTemplate mongo;

    DealCardProjection(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(DealCard.COLLECTION)
                .createIndex(new Index().on("pipelineId", Sort.Direction.ASC).on("openedAt", Sort.Direction.DESC)
                        .named("pipeline_opened"));
    }

    @Override
    public void apply(EventEnvelope<?> envelope) {
        if (envelope.payload() instanceof DealOpened opened) {
            on(opened, envelope);
        } else if (envelope.payload() instanceof DealAmountChanged changed) {
            applyInOrder(envelope, new Update().set("amount", changed.amount()));
        } else if (envelope.payload() instanceof DealMovedToStage moved) {
            applyInOrder(envelope, new Update().set("stageId", moved.toStageId()));
        } else if (envelope.payload() instanceof DealWon won) {
            applyInOrder(envelope, new Update().set("status", DealCard.WON).set("closedAt", won.occurredAt()));
        } else if (envelope.payload() instanceof DealLost lost) {
            applyInOrder(envelope, new Update().set("status", DealCard.LOST).set("closedAt", lost.occurredAt())
                    .set("lostReason", lost.reason()));
        } else if (envelope.payload() instanceof DealReopened reopened) {
            applyInOrder(envelope, new Update().set("status", DealCard.OPEN).unset("closedAt").unset("lostReason")
                    .set("stageId", reopened.stageId()));
        } else if (envelope.payload() instanceof DealDetailsEdited edited) {
            applyInOrder(envelope, new Update().set("title", edited.details().title())
                    .set("client", edited.details().client())
                    .set("sourceChannel", edited.details().sourceChannel())
                    .set("product", edited.details().product()));
        } else if (envelope.payload() instanceof ExpectedCloseDateChanged changed) {
            applyInOrder(envelope, new Update().set("expectedCloseDate", changed.expectedCloseDate()));
        } else if (envelope.payload() instanceof DealHandedOver handedOver) {
            applyInOrder(envelope, new Update().set("ownerId", handedOver.ownerId()).set("teamId", handedOver.teamId()));
        } else if (envelope.payload() instanceof DealTransferred transferred) {
            applyInOrder(envelope, new Update().set("pipelineId", transferred.toPipelineId())
                    .set("stageId", transferred.toStageId()));
        } else if (envelope.payload() instanceof ProbabilityOverridden overridden) {
            applyInOrder(envelope, new Update().set("probabilityOverride", overridden.probability()));
        }
    }

    private void on(DealOpened event, EventEnvelope<?> envelope) {
        // The opening event creates the card; a second delivery finds it and sets nothing.
        Update update = new Update()
                .setOnInsert("pipelineId", event.pipelineId())
                .setOnInsert("stageId", event.stageId())
                .setOnInsert("status", DealCard.OPEN)
                .setOnInsert("title", event.title())
                .setOnInsert("ownerId", event.ownerId())
                .setOnInsert("teamId", event.teamId())
                .setOnInsert("amount", event.amount())
                .setOnInsert("openedAt", event.occurredAt())
                .setOnInsert("updatedAt", event.occurredAt())
                .setOnInsert("version", envelope.aggregateSequence());
        mongo.upsert(Query.query(where("_id").is(event.dealId())), update, DealCard.class);
    }

    /**
     * Applies a later event to an existing card, once: only a card whose version is below the event's
     * sequence matches, so a redelivered or older event changes nothing.
     */
    private void applyInOrder(EventEnvelope<?> envelope, Update update) {
        Query query = Query.query(where("_id").is(envelope.aggregateId()).and("version").lt(envelope.aggregateSequence()));
        mongo.updateFirst(query, update.set("version", envelope.aggregateSequence()).set("updatedAt", envelope.occurredAt()),
                DealCard.class);
    }
}
