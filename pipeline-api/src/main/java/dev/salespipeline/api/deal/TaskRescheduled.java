package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

/** An open task got a new due time. */
public record TaskRescheduled(String dealId, String taskId, Instant previousDueAt, Instant dueAt, Instant occurredAt) implements DealEvent {

    public TaskRescheduled {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(previousDueAt, "previousDueAt");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
