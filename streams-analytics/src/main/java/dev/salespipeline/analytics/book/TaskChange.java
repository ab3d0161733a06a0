package dev.salespipeline.analytics.book;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import dev.salespipeline.analytics.serde.PipelineEvents;
import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.deal.TaskCancelled;
import dev.salespipeline.api.deal.TaskCompleted;
import dev.salespipeline.api.deal.TaskRescheduled;
import dev.salespipeline.api.deal.TaskScheduled;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.envelope.EventTypes;

/**
 * A task event of a deal, as the owner's book needs it: the task is open with a due time (scheduled or
 * rescheduled) or no longer open (completed or cancelled).
 *
 * @param taskId   the task
 * @param dueAt    the due time of an open task; null when the task is closed
 * @param sequence the event's position in its deal, to tell a redelivery
 */
record TaskChange(String taskId, Instant dueAt, long sequence) {

    static final Set<String> TYPES = Set.of(EventTypes.nameOf(TaskScheduled.class),
            EventTypes.nameOf(TaskRescheduled.class), EventTypes.nameOf(TaskCompleted.class),
            EventTypes.nameOf(TaskCancelled.class));

    static Optional<TaskChange> of(EventEnvelope<DomainEvent> envelope) {
        if (envelope == null || !TYPES.contains(envelope.type())) {
            return Optional.empty();
        }
        DomainEvent event = PipelineEvents.event(envelope).orElse(null);
        long sequence = envelope.aggregateSequence();
        if (event instanceof TaskScheduled scheduled) {
            return Optional.of(new TaskChange(scheduled.taskId(), scheduled.dueAt(), sequence));
        }
        if (event instanceof TaskRescheduled rescheduled) {
            return Optional.of(new TaskChange(rescheduled.taskId(), rescheduled.dueAt(), sequence));
        }
        if (event instanceof TaskCompleted completed) {
            return Optional.of(new TaskChange(completed.taskId(), null, sequence));
        }
        if (event instanceof TaskCancelled cancelled) {
            return Optional.of(new TaskChange(cancelled.taskId(), null, sequence));
        }
        return Optional.empty();
    }

    boolean open() {
        return dueAt != null;
    }
}
