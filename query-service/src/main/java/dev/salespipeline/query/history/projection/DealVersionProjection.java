package dev.salespipeline.query.history.projection;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.deal.DealAmountChanged;
import dev.salespipeline.api.deal.DealDetailsEdited;
import dev.salespipeline.api.deal.DealEvent;
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
import dev.salespipeline.query.events.ProjectionBatch;

/**
 * Keeps the {@link DealVersion} documents: after each event that changes what a board or the change report shows of
 * a deal, the deal's whole state at the event's business time. An event that happened after the deal's latest
 * version adds a version after it; a late one goes where it happened in the deal's chain, and the versions after it
 * are folded again from it (see {@link DealHistoryHeads}), so that the state at any instant holds exactly the events
 * that happened by then. An event already applied changes nothing, and the versions are a function of the deal's
 * events alone, so duplicates, replays and rebuilds give the same documents. A deal whose opening this side never
 * saw (dead-lettered, say) gets no versions.
 */
@Component
class DealVersionProjection implements Projection {

    private static final Logger log = LoggerFactory.getLogger(DealVersionProjection.class);

    DealVersionProjection(MongoTemplate mongo) {
        IndexOperations indexes = mongo.indexOps(DealVersion.COLLECTION);
        // The deals that were in a pipeline by an instant (instants the time blocks do not place).
        indexes.createIndex(new Index().on("pipelineId", Sort.Direction.ASC).on("validFrom", Sort.Direction.ASC)
                .named("pipeline_valid"));
        // A deal's versions in order of their events.
        indexes.createIndex(new Index().on("dealId", Sort.Direction.ASC).on("sequence", Sort.Direction.DESC)
                .named("deal_sequence"));
        // A deal's versions from an instant on, for a late event.
        indexes.createIndex(new Index().on("dealId", Sort.Direction.ASC).on("validFrom", Sort.Direction.ASC)
                .on("sequence", Sort.Direction.ASC).named("deal_valid"));
        // The deals open in a pipeline at an instant (the board as of then).
        indexes.createIndex(new Index().on("openAt", Sort.Direction.ASC).named("open_at"));
        // The deals that changed in a pipeline within a span (the change report).
        indexes.createIndex(new Index().on("changedOn", Sort.Direction.ASC).named("changed_on"));
    }

    @Override
    public void load(List<EventEnvelope<?>> events, ProjectionBatch batch) {
        DealHistoryHeads.of(batch).load(events);
    }

    @Override
    public void apply(EventEnvelope<?> envelope, ProjectionBatch batch) {
        if (!(envelope.payload() instanceof DealEvent event)) {
            return;
        }
        DealVersion.Change change = change(event);
        if (change == null) {
            return;
        }
        boolean kept = DealHistoryHeads.of(batch).addVersion(event.dealId(), envelope.aggregateSequence(),
                event.occurredAt(), change, event instanceof DealOpened);
        if (!kept) {
            log.warn("No earlier version of deal {} for its event {}; the deal's opening was not seen",
                    event.dealId(), envelope.aggregateSequence());
        }
    }

    /** What the event sets in the deal's state, or null if nothing a board shows. */
    static DealVersion.Change change(DealEvent event) {
        DealVersion.Change.Builder change = DealVersion.Change.builder();
        if (event instanceof DealOpened opened) {
            change.enterStage(opened.pipelineId(), opened.stageId()).status(DealVersion.OPEN).title(opened.title())
                    .owner(opened.ownerId(), opened.teamId()).amount(opened.amount());
        } else if (event instanceof DealMovedToStage moved) {
            change.enterStage(moved.pipelineId(), moved.toStageId());
        } else if (event instanceof DealWon won) {
            change.status(DealVersion.WON).stage(won.stageId());
            if (won.amount() != null) {
                change.amount(won.amount());
            }
        } else if (event instanceof DealLost lost) {
            change.status(DealVersion.LOST).stage(lost.stageId());
        } else if (event instanceof DealReopened reopened) {
            change.status(DealVersion.OPEN).enterStage(reopened.pipelineId(), reopened.stageId());
        } else if (event instanceof DealTransferred transferred) {
            change.enterStage(transferred.toPipelineId(), transferred.toStageId());
        } else if (event instanceof DealAmountChanged changed) {
            change.amount(changed.amount());
        } else if (event instanceof ExpectedCloseDateChanged changed) {
            change.closeDate(changed.expectedCloseDate());
        } else if (event instanceof ProbabilityOverridden overridden) {
            change.probability(overridden.probability());
        } else if (event instanceof DealHandedOver handedOver) {
            change.owner(handedOver.ownerId(), handedOver.teamId());
        } else if (event instanceof DealDetailsEdited edited) {
            change.title(edited.details().title()).company(edited.details().client().company());
        } else {
            return null;
        }
        return change.build();
    }
}
