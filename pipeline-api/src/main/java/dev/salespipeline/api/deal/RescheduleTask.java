package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.Bounds;

/** Moves an open task's due time. */
public record RescheduleTask(String dealId, String taskId, Instant dueAt, Long expectedVersion, Instant occurredAt) implements DealCommand {

    public RescheduleTask {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("dealId", dealId, Bounds.ID_LENGTH);
        Bounds.text("taskId", taskId, Bounds.ID_LENGTH);
        Bounds.time("dueAt", dueAt);
        Bounds.time("occurredAt", occurredAt);
    }
}
