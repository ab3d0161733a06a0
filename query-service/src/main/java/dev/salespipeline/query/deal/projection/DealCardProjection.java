package dev.salespipeline.query.deal.projection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.deal.CallLogged;
import dev.salespipeline.api.deal.ClientInfo;
import dev.salespipeline.api.deal.CommentAdded;
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
import dev.salespipeline.api.deal.EmailLogged;
import dev.salespipeline.api.deal.EmailOpened;
import dev.salespipeline.api.deal.ExpectedCloseDateChanged;
import dev.salespipeline.api.deal.MeetingLogged;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.deal.ProbabilityOverridden;
import dev.salespipeline.api.deal.TaskCancelled;
import dev.salespipeline.api.deal.TaskCompleted;
import dev.salespipeline.api.deal.TaskRescheduled;
import dev.salespipeline.api.deal.TaskScheduled;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.query.deal.projection.DealCard.OpenTask;
import dev.salespipeline.query.events.Documents;
import dev.salespipeline.query.events.Projection;
import dev.salespipeline.query.events.ProjectionBatch;

/**
 * Keeps {@link DealCard} documents: a batch reads the cards of its deals at once, folds each deal's events into its
 * card in memory ({@link #next}, a function of the card and the event), and writes each changed card once, only over
 * a card whose version is below the new one, so a replayed or duplicated event changes nothing. Runs first among the
 * projections, so that those that copy a deal's fields (tasks) find the card as of the event before theirs. Keeps the
 * deal's {@link DealRefs} as well.
 */
@Component
@Order(0)
class DealCardProjection implements Projection {

    private static final Comparator<OpenTask> DUE_FIRST =
            Comparator.comparing(OpenTask::dueAt).thenComparing(OpenTask::taskId);

    DealCardProjection(MongoTemplate mongo) {
        IndexOperations indexes = mongo.indexOps(DealCard.COLLECTION);
        indexes.createIndex(new Index().on("pipelineId", Sort.Direction.ASC).on("openedAt", Sort.Direction.DESC)
                .named("pipeline_opened"));
        // A board column (pipeline, open, stage), one index per sort field, so that a page is read in
        // index order instead of sorting a whole column. The id breaks ties in the same direction as the
        // field, so each index serves both directions.
        columnIndex(indexes, "updatedAt");
        columnIndex(indexes, "amountValue");
        columnIndex(indexes, "expectedCloseDate");
        columnIndex(indexes, "stageEnteredAt");
        columnIndex(indexes, "title");
        // A rep's board and workload: their open (or won) deals of a pipeline, by stage.
        indexes.createIndex(new Index().on("pipelineId", Sort.Direction.ASC).on("status", Sort.Direction.ASC)
                .on("ownerId", Sort.Direction.ASC).on("stageId", Sort.Direction.ASC)
                .named("pipeline_status_owner_stage"));
        // A manager's board and workload: their team's deals of a pipeline.
        indexes.createIndex(new Index().on("pipelineId", Sort.Direction.ASC).on("status", Sort.Direction.ASC)
                .on("teamId", Sort.Direction.ASC).on("ownerId", Sort.Direction.ASC)
                .named("pipeline_status_team_owner"));
        // Open deals without a next action, most recently changed first.
        indexes.createIndex(new Index().on("pipelineId", Sort.Direction.ASC).on("status", Sort.Direction.ASC)
                .on("nextAction.taskId", Sort.Direction.ASC).on("updatedAt", Sort.Direction.ASC)
                .on("_id", Sort.Direction.ASC)
                .named("pipeline_status_next_action_updated"));
    }

    private static void columnIndex(IndexOperations indexes, String sortField) {
        indexes.createIndex(new Index().on("pipelineId", Sort.Direction.ASC).on("status", Sort.Direction.ASC)
                .on("stageId", Sort.Direction.ASC).on(sortField, Sort.Direction.ASC).on("_id", Sort.Direction.ASC)
                .named("board_column_" + sortField));
    }

    private static Documents<DealCard> cards(ProjectionBatch batch) {
        return DealCard.in(batch);
    }

    @Override
    public void load(List<EventEnvelope<?>> events, ProjectionBatch batch) {
        List<String> deals = events.stream().filter(envelope -> envelope.payload() instanceof DealEvent)
                .map(EventEnvelope::aggregateId).distinct().toList();
        cards(batch).load(deals);
        DealRefs.in(batch).load(deals);
    }

    @Override
    public void apply(EventEnvelope<?> envelope, ProjectionBatch batch) {
        if (!(envelope.payload() instanceof DealEvent event)) {
            return;
        }
        Documents<DealCard> cards = cards(batch);
        DealCard card = cards.get(event.dealId());
        DealCard next = next(card, event, envelope);
        if (next != card) {
            cards.put(next);
        }
        Documents<DealRefs> refs = DealRefs.in(batch);
        DealRefs known = refs.get(event.dealId());
        DealRefs nextRefs = DealRefs.next(known, event, envelope.aggregateSequence());
        if (nextRefs != known) {
            refs.put(nextRefs);
        }
    }

    /**
     * The card after the event: the same card when the event changes nothing (the card has seen it, or the deal's
     * opening was never seen), a new card from the opening.
     */
    static DealCard next(DealCard card, DealEvent event, EventEnvelope<?> envelope) {
        long sequence = envelope.aggregateSequence();
        if (event instanceof DealOpened opened) {
            // The opening event creates the card; a second delivery finds it and sets nothing.
            return card != null ? card : new DealCard(opened.dealId(), opened.pipelineId(), opened.stageId(),
                    DealCard.OPEN, opened.title(), ClientInfo.NONE, null, null, opened.ownerId(), opened.teamId(),
                    opened.amount(), amountValue(opened.amount()), null, null, null, opened.occurredAt(), List.of(),
                    null, null, opened.occurredAt(), null, opened.occurredAt(), sequence);
        }
        if (card == null || card.version() >= sequence) {
            return card;
        }
        Card next = new Card(card);
        if (event instanceof DealAmountChanged changed) {
            next.amount = changed.amount();
        } else if (event instanceof DealMovedToStage moved) {
            next.stageId = moved.toStageId();
            next.stageEnteredAt = moved.occurredAt();
            next.activity(moved.occurredAt());
        } else if (event instanceof DealWon won) {
            next.status = DealCard.WON;
            next.closedAt = won.occurredAt();
        } else if (event instanceof DealLost lost) {
            next.status = DealCard.LOST;
            next.closedAt = lost.occurredAt();
            next.lostReason = lost.reason();
        } else if (event instanceof DealReopened reopened) {
            next.status = DealCard.OPEN;
            next.closedAt = null;
            next.lostReason = null;
            next.stageId = reopened.stageId();
            next.stageEnteredAt = reopened.occurredAt();
        } else if (event instanceof DealDetailsEdited edited) {
            next.title = edited.details().title();
            next.client = edited.details().client();
            next.sourceChannel = edited.details().sourceChannel();
            next.product = edited.details().product();
        } else if (event instanceof ExpectedCloseDateChanged changed) {
            next.expectedCloseDate = changed.expectedCloseDate();
        } else if (event instanceof DealHandedOver handedOver) {
            next.ownerId = handedOver.ownerId();
            next.teamId = handedOver.teamId();
        } else if (event instanceof DealTransferred transferred) {
            next.pipelineId = transferred.toPipelineId();
            next.stageId = transferred.toStageId();
            next.stageEnteredAt = transferred.occurredAt();
        } else if (event instanceof ProbabilityOverridden overridden) {
            next.probabilityOverride = overridden.probability();
        } else if (event instanceof TaskScheduled scheduled) {
            next.openTasks.removeIf(task -> task.taskId().equals(scheduled.taskId()));
            next.openTasks.add(new OpenTask(scheduled.taskId(), scheduled.title(), scheduled.dueAt()));
            next.activity(scheduled.occurredAt());
        } else if (event instanceof TaskRescheduled rescheduled) {
            next.openTasks.replaceAll(task -> task.taskId().equals(rescheduled.taskId())
                    ? new OpenTask(task.taskId(), task.title(), rescheduled.dueAt())
                    : task);
            next.activity(rescheduled.occurredAt());
        } else if (event instanceof TaskCompleted completed) {
            next.openTasks.removeIf(task -> task.taskId().equals(completed.taskId()));
            next.activity(completed.occurredAt());
        } else if (event instanceof TaskCancelled cancelled) {
            next.openTasks.removeIf(task -> task.taskId().equals(cancelled.taskId()));
            next.activity(cancelled.occurredAt());
        } else if (event instanceof CallLogged || event instanceof EmailLogged || event instanceof MeetingLogged
                || event instanceof CommentAdded) {
            next.activity(event.occurredAt());
        }
        // Anything else (an e-mail opened: the client's doing, not work on the deal, so it does not reset the idle
        // clock) only moves the version.
        return next.card(sequence, envelope.occurredAt());
    }

    private static Double amountValue(Money amount) {
        return amount == null ? null : amount.amount().doubleValue();
    }

    /** A card being changed by one event. */
    private static final class Card {
        private final String dealId;
        private String pipelineId;
        private String stageId;
        private String status;
        private String title;
        private ClientInfo client;
        private String sourceChannel;
        private String product;
        private String ownerId;
        private String teamId;
        private Money amount;
        private LocalDate expectedCloseDate;
        private Integer probabilityOverride;
        private String lostReason;
        private Instant stageEnteredAt;
        private final List<OpenTask> openTasks;
        private Instant lastActivityAt;
        private final Instant openedAt;
        private Instant closedAt;

        Card(DealCard card) {
            dealId = card.dealId();
            pipelineId = card.pipelineId();
            stageId = card.stageId();
            status = card.status();
            title = card.title();
            client = card.client();
            sourceChannel = card.sourceChannel();
            product = card.product();
            ownerId = card.ownerId();
            teamId = card.teamId();
            amount = card.amount();
            expectedCloseDate = card.expectedCloseDate();
            probabilityOverride = card.probabilityOverride();
            lostReason = card.lostReason();
            stageEnteredAt = card.stageEnteredAt();
            openTasks = new ArrayList<>(card.openTasks());
            lastActivityAt = card.lastActivityAt();
            openedAt = card.openedAt();
            closedAt = card.closedAt();
        }

        /** Work on the deal at {@code at}: the idle clock counts from the latest. */
        void activity(Instant at) {
            if (lastActivityAt == null || at.isAfter(lastActivityAt)) {
                lastActivityAt = at;
            }
        }

        DealCard card(long version, Instant updatedAt) {
            openTasks.sort(DUE_FIRST);
            return new DealCard(dealId, pipelineId, stageId, status, title, client, sourceChannel, product, ownerId,
                    teamId, amount, amountValue(amount), expectedCloseDate, probabilityOverride, lostReason,
                    stageEnteredAt, openTasks, openTasks.isEmpty() ? null : openTasks.get(0), lastActivityAt, openedAt,
                    closedAt, updatedAt, version);
        }
    }
}
