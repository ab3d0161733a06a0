package dev.salespipeline.query.history.projection;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.deal.DealLost;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealReopened;
import dev.salespipeline.api.deal.DealTransferred;
import dev.salespipeline.api.deal.DealWon;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.query.events.Projection;

/**
 * Keeps the {@link StageInterval} documents. A deal enters a stage when it is opened, moved, reopened or
 * transferred, and leaves it with the next of those or when it is won or lost.
 *
 * <p>Each event touches two documents, each at most once, so duplicates and replays change nothing: it
 * closes the interval entered by the deal's latest entering event before it, setting {@code leftAt} only
 * where it is still null, and it creates its own interval only if it is missing.
 *
 * <p>The title, owner and amount on entering come from the deal's version before the entering event (no
 * entering event changes them), so it does not matter whether {@link DealVersionProjection} has already
 * seen the event.
 */
@Component
class StageIntervalProjection implements Projection {

    private final MongoTemplate mongo;

    StageIntervalProjection(MongoTemplate mongo) {
        this.mongo = mongo;
        IndexOperations indexes = mongo.indexOps(StageInterval.COLLECTION);
        // Time in stage per pipeline and period.
        indexes.createIndex(new Index().on("pipelineId", Sort.Direction.ASC).on("enteredAt", Sort.Direction.ASC)
                .named("pipeline_entered"));
        // A deal's stays in order, and the one an event closes.
        indexes.createIndex(new Index().on("dealId", Sort.Direction.ASC).on("enteredSequence", Sort.Direction.DESC)
                .named("deal_entered"));
    }

    @Override
    public void apply(EventEnvelope<?> envelope) {
        long sequence = envelope.aggregateSequence();
        Object event = envelope.payload();
        if (event instanceof DealOpened opened) {
            enter(opened.dealId(), sequence, opened.pipelineId(), opened.stageId(), opened.occurredAt(),
                    opened.title(), opened.ownerId(), opened.amount());
        } else if (event instanceof DealMovedToStage moved) {
            leave(moved.dealId(), sequence, moved.occurredAt(), StageInterval.MOVED);
            enter(moved.dealId(), sequence, moved.pipelineId(), moved.toStageId(), moved.occurredAt());
        } else if (event instanceof DealReopened reopened) {
            enter(reopened.dealId(), sequence, reopened.pipelineId(), reopened.stageId(), reopened.occurredAt());
        } else if (event instanceof DealTransferred transferred) {
            leave(transferred.dealId(), sequence, transferred.occurredAt(), StageInterval.TRANSFERRED);
            enter(transferred.dealId(), sequence, transferred.toPipelineId(), transferred.toStageId(),
                    transferred.occurredAt());
        } else if (event instanceof DealWon won) {
            leave(won.dealId(), sequence, won.occurredAt(), StageInterval.WON);
        } else if (event instanceof DealLost lost) {
            leave(lost.dealId(), sequence, lost.occurredAt(), StageInterval.LOST);
        }
    }

    private void enter(String dealId, long sequence, String pipelineId, String stageId, Instant at) {
        DealVersion before = DealVersionProjection.before(mongo, dealId, sequence);
        enter(dealId, sequence, pipelineId, stageId, at, before == null ? null : before.title(),
                before == null ? null : before.ownerId(), before == null ? null : before.amount());
    }

    private void enter(String dealId, long sequence, String pipelineId, String stageId, Instant at, String title,
                       String ownerId, Money amount) {
        Update stay = new Update()
                .setOnInsert("dealId", dealId)
                .setOnInsert("enteredSequence", sequence)
                .setOnInsert("pipelineId", pipelineId)
                .setOnInsert("stageId", stageId)
                .setOnInsert("enteredAt", at)
                .setOnInsert("title", title)
                .setOnInsert("ownerId", ownerId)
                .setOnInsert("amount", amount);
        mongo.upsert(Query.query(where("_id").is(dealId + ":" + sequence)), stay, StageInterval.class);
        DealHistoryHeads.intervalEntered(mongo, dealId, sequence);
    }

    /**
     * Ends the stay entered by the deal's latest entering event before {@code sequence}, unless it has
     * ended already (then it was this very event, delivered again).
     */
    private void leave(String dealId, long sequence, Instant at, String how) {
        Long known = DealHistoryHeads.intervalBefore(mongo, dealId, sequence);
        StageInterval current = known != null
                ? (known < 0 ? null : mongo.findById(dealId + ":" + known, StageInterval.class))
                : mongo.findOne(Query.query(where("dealId").is(dealId).and("enteredSequence").lt(sequence))
                        .with(Sort.by(Sort.Direction.DESC, "enteredSequence")).limit(1), StageInterval.class);
        if (current == null || current.leftAt() != null) {
            return;
        }
        mongo.updateFirst(Query.query(where("_id").is(current.id()))
                        .addCriteria(new Criteria().orOperator(where("leftAt").is(null), where("leftAt").is(at))),
                new Update().set("leftAt", at).set("leftSequence", sequence).set("endedBy", how),
                StageInterval.class);
    }
}
