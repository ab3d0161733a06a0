package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

/** Moves an open task's due time. */
public record RescheduleTask(String dealId, String taskId, Instant dueAt, Long expectedVersion, Instant occurredAt) implements DealCommand {

    public RescheduleTask {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
