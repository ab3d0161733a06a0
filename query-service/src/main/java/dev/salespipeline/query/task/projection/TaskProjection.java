package dev.salespipeline.query.task.projection;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.deal.DealDetailsEdited;
import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealTransferred;
import dev.salespipeline.api.deal.TaskCancelled;
import dev.salespipeline.api.deal.TaskCompleted;
import dev.salespipeline.api.deal.TaskRescheduled;
import dev.salespipeline.api.deal.TaskScheduled;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.query.deal.projection.DealCard;
import dev.salespipeline.query.deal.projection.DealRefs;
import dev.salespipeline.query.events.Documents;
import dev.salespipeline.query.events.Projection;
import dev.salespipeline.query.events.ProjectionBatch;

/**
 * Keeps {@link Task} documents: one per task scheduled on a deal, with the deal's current title,
 * pipeline, owner and team. Each document remembers the sequence of the deal's last event applied to it,
 * and takes only later ones, so a replayed or duplicated event changes nothing. A batch reads, at once, the tasks its
 * task events name and every task of the deals it hands over, edits or transfers.
 *
 * <p>A scheduled task takes the deal's title, pipeline, owner and team from the deal's card as the batch has it at
 * that event: {@code DealCardProjection} applies each event before this projection does, so the card then holds
 * every event before the task's. When the card is ahead (a batch applied again after its writes were made), the
 * deal events after the task's still reach the task and leave it as a full rebuild would.
 */
@Component
class TaskProjection implements Projection {

    TaskProjection(MongoTemplate mongo) {
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

    private static Documents<Task> tasks(ProjectionBatch batch) {
        return batch.documents(Task.class, Task::id, "lastSequence", Task::lastSequence);
    }

    @Override
    public void load(List<EventEnvelope<?>> events, ProjectionBatch batch) {
        Set<String> named = new LinkedHashSet<>();
        Set<String> deals = new LinkedHashSet<>();
        Set<String> opened = new LinkedHashSet<>();
        for (EventEnvelope<?> envelope : events) {
            Object payload = envelope.payload();
            if (payload instanceof DealOpened) {
                opened.add(envelope.aggregateId());
            } else if (payload instanceof TaskScheduled event) {
                named.add(Task.id(event.dealId(), event.taskId()));
            } else if (payload instanceof TaskRescheduled event) {
                named.add(Task.id(event.dealId(), event.taskId()));
            } else if (payload instanceof TaskCompleted event) {
                named.add(Task.id(event.dealId(), event.taskId()));
            } else if (payload instanceof TaskCancelled event) {
                named.add(Task.id(event.dealId(), event.taskId()));
            } else if (payload instanceof DealHandedOver || payload instanceof DealDetailsEdited
                    || payload instanceof DealTransferred) {
                deals.add(envelope.aggregateId());
            }
        }
        Documents<Task> tasks = tasks(batch);
        // Every task of a deal handed over, edited or transferred: by id where the deal's references know them, from
        // the collection for a deal whose references began after its opening.
        Documents<DealRefs> refs = DealRefs.in(batch);
        refs.load(deals);
        List<String> unknown = new ArrayList<>();
        for (String deal : deals) {
            DealRefs known = refs.get(deal);
            if (known != null && known.complete()) {
                known.ids(DealRefs.TASK).forEach(taskId -> named.add(Task.id(deal, taskId)));
            } else if (known == null && opened.contains(deal)) {
                // Opened in this batch: its tasks are scheduled in it, after the opening.
                continue;
            } else {
                unknown.add(deal);
            }
        }
        if (!unknown.isEmpty()) {
            tasks.loadWhere(where("dealId").in(unknown), List.of());
        }
        tasks.load(named);
    }

    @Override
    public void apply(EventEnvelope<?> envelope, ProjectionBatch batch) {
        Object payload = envelope.payload();
        Documents<Task> tasks = tasks(batch);
        long sequence = envelope.aggregateSequence();
        if (payload instanceof TaskScheduled scheduled) {
            if (tasks.get(Task.id(scheduled.dealId(), scheduled.taskId())) == null) {
                DealCard deal = DealCard.in(batch).get(scheduled.dealId());
                tasks.put(new Task(Task.id(scheduled.dealId(), scheduled.taskId()), scheduled.taskId(),
                        scheduled.dealId(), deal == null ? null : deal.title(), deal == null ? null : deal.pipelineId(),
                        deal == null ? null : deal.ownerId(), deal == null ? null : deal.teamId(), scheduled.title(),
                        scheduled.dueAt(), Task.OPEN, scheduled.occurredAt(), null, 0, sequence));
            }
        } else if (payload instanceof TaskRescheduled rescheduled) {
            change(tasks, sequence, tasks.get(Task.id(rescheduled.dealId(), rescheduled.taskId())),
                    task -> {
                        task.dueAt = rescheduled.dueAt();
                        task.rescheduledCount++;
                    });
        } else if (payload instanceof TaskCompleted completed) {
            change(tasks, sequence, tasks.get(Task.id(completed.dealId(), completed.taskId())), task -> {
                task.status = Task.DONE;
                task.doneAt = completed.occurredAt();
            });
        } else if (payload instanceof TaskCancelled cancelled) {
            change(tasks, sequence, tasks.get(Task.id(cancelled.dealId(), cancelled.taskId())), task -> {
                task.status = Task.CANCELLED;
                task.doneAt = cancelled.occurredAt();
            });
        } else if (payload instanceof DealHandedOver handedOver) {
            changeDealsTasks(tasks, envelope, task -> {
                task.ownerId = handedOver.ownerId();
                task.teamId = handedOver.teamId();
            });
        } else if (payload instanceof DealDetailsEdited edited) {
            changeDealsTasks(tasks, envelope, task -> task.dealTitle = edited.details().title());
        } else if (payload instanceof DealTransferred transferred) {
            changeDealsTasks(tasks, envelope, task -> task.pipelineId = transferred.toPipelineId());
        }
    }

    /** Applies a change to a task that has not seen the event yet. */
    private static void change(Documents<Task> tasks, long sequence, Task task, Consumer<Changing> change) {
        if (task == null || task.lastSequence() >= sequence) {
            return;
        }
        Changing changing = new Changing(task);
        change.accept(changing);
        tasks.put(changing.task(sequence));
    }

    private static void changeDealsTasks(Documents<Task> tasks, EventEnvelope<?> envelope, Consumer<Changing> change) {
        for (Task task : tasks.known()) {
            if (task.dealId().equals(envelope.aggregateId())) {
                change(tasks, envelope.aggregateSequence(), task, change);
            }
        }
    }

    /** A task being changed by one event. */
    private static final class Changing {
        private final Task task;
        private String dealTitle;
        private String pipelineId;
        private String ownerId;
        private String teamId;
        private Instant dueAt;
        private String status;
        private Instant doneAt;
        private int rescheduledCount;

        Changing(Task task) {
            this.task = task;
            dealTitle = task.dealTitle();
            pipelineId = task.pipelineId();
            ownerId = task.ownerId();
            teamId = task.teamId();
            dueAt = task.dueAt();
            status = task.status();
            doneAt = task.doneAt();
            rescheduledCount = task.rescheduledCount();
        }

        Task task(long sequence) {
            return new Task(task.id(), task.taskId(), task.dealId(), dealTitle, pipelineId, ownerId, teamId,
                    task.title(), dueAt, status, task.scheduledAt(), doneAt, rescheduledCount, sequence);
        }
    }
}
