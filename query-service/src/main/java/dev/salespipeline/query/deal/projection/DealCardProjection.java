package dev.salespipeline.query.deal.projection;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
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
import dev.salespipeline.query.events.Projection;

/**
 * Keeps {@link DealCard} documents. Writes are single-document updates keyed by deal id, each applied
 * only to a card whose version is below the event's sequence, so a replayed or duplicated event changes
 * nothing.
 *
 * <p>Most events are one update with operators, without reading the card. Task events read the card's
 * open tasks first, because the next action (the open task due first) follows from all of them; the
 * write then succeeds only if the card is still at the version read, and is retried otherwise.
 */
@Component
class DealCardProjection implements Projection {

    private static final Comparator<OpenTask> DUE_FIRST =
            Comparator.comparing(OpenTask::dueAt).thenComparing(OpenTask::taskId);

    private final MongoTemplate mongo;

    DealCardProjection(MongoTemplate mongo) {
        this.mongo = mongo;
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

    @Override
    public void apply(EventEnvelope<?> envelope) {
        if (!(envelope.payload() instanceof DealEvent event)) {
            return;
        }
        if (event instanceof DealOpened opened) {
            on(opened, envelope);
        } else if (event instanceof DealAmountChanged changed) {
            applyInOrder(envelope, amount(new Update(), changed.amount()));
        } else if (event instanceof DealMovedToStage moved) {
            applyInOrder(envelope, new Update().set("stageId", moved.toStageId())
                    .set("stageEnteredAt", moved.occurredAt())
                    .max("lastActivityAt", moved.occurredAt()));
        } else if (event instanceof DealWon won) {
            applyInOrder(envelope, new Update().set("status", DealCard.WON).set("closedAt", won.occurredAt()));
        } else if (event instanceof DealLost lost) {
            applyInOrder(envelope, new Update().set("status", DealCard.LOST).set("closedAt", lost.occurredAt())
                    .set("lostReason", lost.reason()));
        } else if (event instanceof DealReopened reopened) {
            applyInOrder(envelope, new Update().set("status", DealCard.OPEN).unset("closedAt").unset("lostReason")
                    .set("stageId", reopened.stageId())
                    .set("stageEnteredAt", reopened.occurredAt()));
        } else if (event instanceof DealDetailsEdited edited) {
            applyInOrder(envelope, new Update().set("title", edited.details().title())
                    .set("client", edited.details().client())
                    .set("sourceChannel", edited.details().sourceChannel())
                    .set("product", edited.details().product()));
        } else if (event instanceof ExpectedCloseDateChanged changed) {
            applyInOrder(envelope, new Update().set("expectedCloseDate", changed.expectedCloseDate()));
        } else if (event instanceof DealHandedOver handedOver) {
            applyInOrder(envelope, new Update().set("ownerId", handedOver.ownerId()).set("teamId", handedOver.teamId()));
        } else if (event instanceof DealTransferred transferred) {
            applyInOrder(envelope, new Update().set("pipelineId", transferred.toPipelineId())
                    .set("stageId", transferred.toStageId())
                    .set("stageEnteredAt", transferred.occurredAt()));
        } else if (event instanceof ProbabilityOverridden overridden) {
            applyInOrder(envelope, new Update().set("probabilityOverride", overridden.probability()));
        } else if (event instanceof TaskScheduled scheduled) {
            changeTasks(envelope, tasks -> {
                tasks.removeIf(task -> task.taskId().equals(scheduled.taskId()));
                tasks.add(new OpenTask(scheduled.taskId(), scheduled.title(), scheduled.dueAt()));
                return tasks;
            });
        } else if (event instanceof TaskRescheduled rescheduled) {
            changeTasks(envelope, tasks -> {
                tasks.replaceAll(task -> task.taskId().equals(rescheduled.taskId())
                        ? new OpenTask(task.taskId(), task.title(), rescheduled.dueAt())
                        : task);
                return tasks;
            });
        } else if (event instanceof TaskCompleted completed) {
            changeTasks(envelope, tasks -> withoutTask(tasks, completed.taskId()));
        } else if (event instanceof TaskCancelled cancelled) {
            changeTasks(envelope, tasks -> withoutTask(tasks, cancelled.taskId()));
        } else if (event instanceof CallLogged || event instanceof EmailLogged || event instanceof MeetingLogged
                || event instanceof CommentAdded) {
            applyInOrder(envelope, new Update().max("lastActivityAt", event.occurredAt()));
        } else if (event instanceof EmailOpened) {
            // The client's doing, not work on the deal: it does not reset the idle clock.
            applyInOrder(envelope, new Update());
        }
    }

    private void on(DealOpened event, EventEnvelope<?> envelope) {
        // The opening event creates the card; a second delivery finds it and sets nothing.
        Update created = new Update()
                .setOnInsert("pipelineId", event.pipelineId())
                .setOnInsert("stageId", event.stageId())
                .setOnInsert("status", DealCard.OPEN)
                .setOnInsert("title", event.title())
                .setOnInsert("client", ClientInfo.NONE)
                .setOnInsert("ownerId", event.ownerId())
                .setOnInsert("teamId", event.teamId())
                .setOnInsert("amount", event.amount())
                .setOnInsert("amountValue", event.amount() == null ? null : event.amount().amount().doubleValue())
                .setOnInsert("stageEnteredAt", event.occurredAt())
                .setOnInsert("openTasks", List.of())
                .setOnInsert("nextAction", null)
                .setOnInsert("openedAt", event.occurredAt())
                .setOnInsert("updatedAt", event.occurredAt())
                .setOnInsert("version", envelope.aggregateSequence());
        mongo.upsert(Query.query(where("_id").is(event.dealId())), created, DealCard.class);
    }

    private static Update amount(Update update, Money amount) {
        return update.set("amount", amount).set("amountValue", amount == null ? null : amount.amount().doubleValue());
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

    /**
     * Applies a task event: the open tasks as {@code change} leaves them, the next action that follows,
     * and the event as the latest activity. Written only over the version read, so that a concurrent
     * writer (a consumer still finishing after a rebalance) makes this read again rather than lose its
     * change.
     */
    private void changeTasks(EventEnvelope<?> envelope, UnaryOperator<List<OpenTask>> change) {
        long sequence = envelope.aggregateSequence();
        Query byId = Query.query(where("_id").is(envelope.aggregateId()));
        byId.fields().include("openTasks", "version");
        while (true) {
            DealCard card = mongo.findOne(byId, DealCard.class);
            if (card == null || card.version() >= sequence) {
                return;
            }
            List<OpenTask> tasks = change.apply(new ArrayList<>(card.openTasks()));
            tasks.sort(DUE_FIRST);
            Update update = new Update()
                    .set("openTasks", tasks)
                    .set("nextAction", tasks.isEmpty() ? null : tasks.get(0))
                    .max("lastActivityAt", ((DealEvent) envelope.payload()).occurredAt())
                    .set("version", sequence)
                    .set("updatedAt", envelope.occurredAt());
            Query unchanged = Query.query(where("_id").is(envelope.aggregateId()).and("version").is(card.version()));
            if (mongo.updateFirst(unchanged, update, DealCard.class).getMatchedCount() > 0) {
                return;
            }
        }
    }

    private static List<OpenTask> withoutTask(List<OpenTask> tasks, String taskId) {
        tasks.removeIf(task -> task.taskId().equals(taskId));
        return tasks;
    }
}
