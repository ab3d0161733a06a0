package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.Bounds;

/** Cancels an open task. */
public record CancelTask(String dealId, String taskId, Long expectedVersion, Instant occurredAt) implements DealCommand {

    public CancelTask {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("dealId", dealId, Bounds.ID_LENGTH);
        Bounds.text("taskId", taskId, Bounds.ID_LENGTH);
        Bounds.time("occurredAt", occurredAt);
    }
}
