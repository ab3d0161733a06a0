package dev.salespipeline.query.task.projection;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.deal.DealDetailsEdited;
import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.deal.DealTransferred;
import dev.salespipeline.api.deal.TaskCancelled;
import dev.salespipeline.api.deal.TaskCompleted;
import dev.salespipeline.api.deal.TaskRescheduled;
import dev.salespipeline.api.deal.TaskScheduled;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.query.deal.projection.DealCard;
import dev.salespipeline.query.events.Projection;

/**
 * Keeps {@link Task} documents: one per task scheduled on a deal, with the deal's current title,
 * pipeline, owner and team. Each document remembers the sequence of the deal's last event applied to it,
 * and takes only later ones, so a replayed or duplicated event changes nothing.
 *
 * <p>A scheduled task takes the deal's title, pipeline, owner and team from the deal's card. Events of
 * one deal are applied in order, each by every projection before the next, so the card then holds at
 * least every event before the task's, and task events do not change those fields. When the card is
 * ahead (this collection rebuilt on its own), the deal events after the task's still reach the task
 * and leave it as a full rebuild would.
 */
@Component
class TaskProjection implements Projection {

    private final MongoTemplate mongo;

    TaskProjection(MongoTemplate mongo) {
        this.mongo = mongo;
        IndexOperations indexes = mongo.indexOps(Task.COLLECTION);
        // A rep's list: their open tasks by due time.
        indexes.createIndex(new Index().on("ownerId", Sort.Direction.ASC).on("status", Sort.Direction.ASC)
                .on("dueAt", Sort.Direction.ASC).named("owner_status_due"));
        // A manager's list: their team's open tasks by due time.
        indexes.createIndex(new Index().on("teamId", Sort.Direction.ASC).on("status", Sort.Direction.ASC)
                .on("dueAt", Sort.Direction.ASC).named("team_status_due"));
        // Everyone's list, or one pipeline's.
        indexes.createIndex(new Index().on("status", Sort.Direction.ASC).on("dueAt", Sort.Direction.ASC)
                .named("status_due"));
        indexes.createIndex(new Index().on("pipelineId", Sort.Direction.ASC).on("status", Sort.Direction.ASC)
                .on("dueAt", Sort.Direction.ASC).named("pipeline_status_due"));
        // A deal event that changes all the deal's tasks.
        indexes.createIndex(new Index().on("dealId", Sort.Direction.ASC).named("deal"));
    }

    @Override
    public void apply(EventEnvelope<?> envelope) {
        Object payload = envelope.payload();
        if (payload instanceof TaskScheduled scheduled) {
            on(scheduled, envelope);
        } else if (payload instanceof TaskRescheduled rescheduled) {
            applyToTask(envelope, rescheduled.taskId(), new Update().set("dueAt", rescheduled.dueAt())
                    .inc("rescheduledCount", 1));
        } else if (payload instanceof TaskCompleted completed) {
            applyToTask(envelope, completed.taskId(), new Update().set("status", Task.DONE)
                    .set("doneAt", completed.occurredAt()));
        } else if (payload instanceof TaskCancelled cancelled) {
            applyToTask(envelope, cancelled.taskId(), new Update().set("status", Task.CANCELLED)
                    .set("doneAt", cancelled.occurredAt()));
        } else if (payload instanceof DealHandedOver handedOver) {
            applyToDealsTasks(envelope, new Update().set("ownerId", handedOver.ownerId())
                    .set("teamId", handedOver.teamId()));
        } else if (payload instanceof DealDetailsEdited edited) {
            applyToDealsTasks(envelope, new Update().set("dealTitle", edited.details().title()));
        } else if (payload instanceof DealTransferred transferred) {
            applyToDealsTasks(envelope, new Update().set("pipelineId", transferred.toPipelineId()));
        }
    }

    private void on(TaskScheduled event, EventEnvelope<?> envelope) {
        Query dealQuery = Query.query(where("_id").is(event.dealId()));
        // version too: a record's primitive component cannot be left out.
        dealQuery.fields().include("title", "pipelineId", "ownerId", "teamId", "version");
        DealCard deal = mongo.findOne(dealQuery, DealCard.class);
        // A second delivery finds the task and sets nothing.
        Update created = new Update()
                .setOnInsert("taskId", event.taskId())
                .setOnInsert("dealId", event.dealId())
                .setOnInsert("dealTitle", deal == null ? null : deal.title())
                .setOnInsert("pipelineId", deal == null ? null : deal.pipelineId())
                .setOnInsert("ownerId", deal == null ? null : deal.ownerId())
                .setOnInsert("teamId", deal == null ? null : deal.teamId())
                .setOnInsert("title", event.title())
                .setOnInsert("dueAt", event.dueAt())
                .setOnInsert("status", Task.OPEN)
                .setOnInsert("scheduledAt", event.occurredAt())
                .setOnInsert("rescheduledCount", 0)
                .setOnInsert("lastSequence", envelope.aggregateSequence());
        mongo.upsert(Query.query(where("_id").is(Task.id(event.dealId(), event.taskId()))), created, Task.class);
    }

    private void applyToTask(EventEnvelope<?> envelope, String taskId, Update update) {
        long sequence = envelope.aggregateSequence();
        mongo.updateFirst(Query.query(where("_id").is(Task.id(envelope.aggregateId(), taskId))
                .and("lastSequence").lt(sequence)), update.set("lastSequence", sequence), Task.class);
    }

    private void applyToDealsTasks(EventEnvelope<?> envelope, Update update) {
        long sequence = envelope.aggregateSequence();
        mongo.updateMulti(Query.query(where("dealId").is(envelope.aggregateId()).and("lastSequence").lt(sequence)),
                update.set("lastSequence", sequence), Task.class);
    }
}
