package dev.salespipeline.query.history.projection;

import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
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
import dev.salespipeline.query.events.ProjectionBatch;

/**
 * Keeps the {@link StageInterval} documents. A deal enters a stage when it is opened, moved, reopened or
 * transferred, and leaves it with the next of those or when it is won or lost.
 *
 * <p>Each event touches two documents, each at most once, so duplicates and replays change nothing: it
 * closes the interval entered by the deal's latest entering event before it, setting {@code leftAt} only
 * where it is still null, and it creates its own interval only if it is missing.
 *
 * <p>The title, owner and amount on entering come from the deal's state just before the entering event in business
 * time (no entering event changes them), so it does not matter whether {@link DealVersionProjection} has already
 * seen the event.
 */
@Component
class StageIntervalProjection implements Projection {

    StageIntervalProjection(MongoTemplate mongo) {
        IndexOperations indexes = mongo.indexOps(StageInterval.COLLECTION);
        // Time in stage per pipeline and period.
        indexes.createIndex(new Index().on("pipelineId", Sort.Direction.ASC).on("enteredAt", Sort.Direction.ASC)
                .named("pipeline_entered"));
        // A deal's stays in order, and the one an event closes.
        indexes.createIndex(new Index().on("dealId", Sort.Direction.ASC).on("enteredSequence", Sort.Direction.DESC)
                .named("deal_entered"));
    }

    @Override
    public void load(List<EventEnvelope<?>> events, ProjectionBatch batch) {
        DealHistoryHeads.of(batch).load(events);
    }

    @Override
    public void apply(EventEnvelope<?> envelope, ProjectionBatch batch) {
        DealHistoryHeads history = DealHistoryHeads.of(batch);
        long sequence = envelope.aggregateSequence();
        Object event = envelope.payload();
        if (event instanceof DealOpened opened) {
            enter(history, opened.dealId(), sequence, opened.pipelineId(), opened.stageId(), opened.occurredAt(),
                    opened.title(), opened.ownerId(), opened.amount());
        } else if (event instanceof DealMovedToStage moved) {
            leave(history, moved.dealId(), sequence, moved.occurredAt(), StageInterval.MOVED);
            enter(history, moved.dealId(), sequence, moved.pipelineId(), moved.toStageId(), moved.occurredAt());
        } else if (event instanceof DealReopened reopened) {
            enter(history, reopened.dealId(), sequence, reopened.pipelineId(), reopened.stageId(),
                    reopened.occurredAt());
        } else if (event instanceof DealTransferred transferred) {
            leave(history, transferred.dealId(), sequence, transferred.occurredAt(), StageInterval.TRANSFERRED);
            enter(history, transferred.dealId(), sequence, transferred.toPipelineId(), transferred.toStageId(),
                    transferred.occurredAt());
        } else if (event instanceof DealWon won) {
            leave(history, won.dealId(), sequence, won.occurredAt(), StageInterval.WON);
        } else if (event instanceof DealLost lost) {
            leave(history, lost.dealId(), sequence, lost.occurredAt(), StageInterval.LOST);
        }
    }

    private static void enter(DealHistoryHeads history, String dealId, long sequence, String pipelineId,
                              String stageId, Instant at) {
        DealVersion before = history.versionBefore(dealId, sequence, at);
        enter(history, dealId, sequence, pipelineId, stageId, at, before == null ? null : before.title(),
                before == null ? null : before.ownerId(), before == null ? null : before.amount());
    }

    /** Creates the stay the event enters, unless it is there (the event delivered again). */
    private static void enter(DealHistoryHeads history, String dealId, long sequence, String pipelineId,
                              String stageId, Instant at, String title, String ownerId, Money amount) {
        String id = DealHistoryHeads.intervalId(dealId, sequence);
        if (history.intervals().get(id) == null) {
            history.intervals().put(new StageInterval(id, dealId, sequence, pipelineId, stageId, at, null, null, null,
                    title, ownerId, amount));
        }
        history.intervalEntered(dealId, sequence);
    }

    /**
     * Ends the stay entered by the deal's latest entering event before {@code sequence}, unless it has
     * ended already (then it was this very event, delivered again).
     */
    private static void leave(DealHistoryHeads history, String dealId, long sequence, Instant at, String how) {
        StageInterval current = history.intervalBefore(dealId, sequence);
        if (current == null || current.leftAt() != null) {
            return;
        }
        history.intervals().put(new StageInterval(current.id(), current.dealId(), current.enteredSequence(),
                current.pipelineId(), current.stageId(), current.enteredAt(), at, sequence, how, current.title(),
                current.ownerId(), current.amount()));
    }
}
