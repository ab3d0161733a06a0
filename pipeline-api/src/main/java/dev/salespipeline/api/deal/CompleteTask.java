package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.Bounds;

/** Marks an open task done. */
public record CompleteTask(String dealId, String taskId, Long expectedVersion, Instant occurredAt) implements DealCommand {

    public CompleteTask {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("dealId", dealId, Bounds.ID_LENGTH);
        Bounds.text("taskId", taskId, Bounds.ID_LENGTH);
        Bounds.time("occurredAt", occurredAt);
    }
}
