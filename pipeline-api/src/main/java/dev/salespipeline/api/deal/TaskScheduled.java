package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

/** A task was scheduled on the deal. */
public record TaskScheduled(String dealId, String taskId, String title, Instant dueAt, Instant occurredAt) implements DealEvent {

    public TaskScheduled {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
