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
 * Keeps the {@link DealVersion} documents: after each event that changes what a board or the change
 * report shows of a deal, the deal's whole state, built from its version before the event. Events of a
 * deal arrive in order, so that version is there; a version depends only on its event and the one
 * before it, so writing it again for a duplicate or a replay gives the same document. A batch finds the versions its
 * events build on through {@link DealHistoryHeads}, read once for the batch. A deal whose
 * opening this side never saw (dead-lettered, say) gets no versions.
 */
@Component
class DealVersionProjection implements Projection {

    private static final Logger log = LoggerFactory.getLogger(DealVersionProjection.class);

    DealVersionProjection(MongoTemplate mongo) {
        IndexOperations indexes = mongo.indexOps(DealVersion.COLLECTION);
        // The deals that were in a pipeline by an instant.
        indexes.createIndex(new Index().on("pipelineId", Sort.Direction.ASC).on("validFrom", Sort.Direction.ASC)
                .named("pipeline_valid"));
        // A deal's versions in order: the one before an event, and the latest at an instant.
        indexes.createIndex(new Index().on("dealId", Sort.Direction.ASC).on("sequence", Sort.Direction.DESC)
                .named("deal_sequence"));
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
        DealHistoryHeads history = DealHistoryHeads.of(batch);
        long sequence = envelope.aggregateSequence();
        if (event instanceof DealOpened opened) {
            history.versions().put(new DealVersion(DealVersion.idOf(opened.dealId(), sequence), opened.dealId(),
                    sequence, opened.occurredAt(), opened.pipelineId(), opened.stageId(), opened.occurredAt(),
                    DealVersion.OPEN, opened.title(), null, opened.ownerId(), opened.teamId(), opened.amount(),
                    opened.amount() == null ? null : opened.amount().amount().doubleValue(), null, null));
            history.versionSaved(opened.dealId(), sequence);
            return;
        }
        DealVersion.Change change = change(event);
        if (change == null) {
            return;
        }
        DealVersion before = history.versionBefore(event.dealId(), sequence);
        if (before == null) {
            log.warn("No earlier version of deal {} for its event {}; the deal's opening was not seen",
                    event.dealId(), sequence);
            return;
        }
        history.versions().put(before.next(sequence, event.occurredAt(), change));
        history.versionSaved(event.dealId(), sequence);
    }

    /** What the event changes in the deal's state, or null if nothing a board shows. */
    static DealVersion.Change change(DealEvent event) {
        if (event instanceof DealMovedToStage moved) {
            return state -> state.enterStage(moved.pipelineId(), moved.toStageId());
        } else if (event instanceof DealWon won) {
            return state -> {
                state.status = DealVersion.WON;
                state.stageId = won.stageId();
                if (won.amount() != null) {
                    state.amount = won.amount();
                }
            };
        } else if (event instanceof DealLost lost) {
            return state -> {
                state.status = DealVersion.LOST;
                state.stageId = lost.stageId();
            };
        } else if (event instanceof DealReopened reopened) {
            return state -> {
                state.status = DealVersion.OPEN;
                state.enterStage(reopened.pipelineId(), reopened.stageId());
            };
        } else if (event instanceof DealTransferred transferred) {
            return state -> state.enterStage(transferred.toPipelineId(), transferred.toStageId());
        } else if (event instanceof DealAmountChanged changed) {
            return state -> state.amount = changed.amount();
        } else if (event instanceof ExpectedCloseDateChanged changed) {
            return state -> state.expectedCloseDate = changed.expectedCloseDate();
        } else if (event instanceof ProbabilityOverridden overridden) {
            return state -> state.probabilityOverride = overridden.probability();
        } else if (event instanceof DealHandedOver handedOver) {
            return state -> {
                state.ownerId = handedOver.ownerId();
                state.teamId = handedOver.teamId();
            };
        } else if (event instanceof DealDetailsEdited edited) {
            return state -> {
                state.title = edited.details().title();
                state.company = edited.details().client().company();
            };
        }
        return null;
    }
}
