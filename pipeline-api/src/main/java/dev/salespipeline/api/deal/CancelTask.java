package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

/** Cancels an open task. */
public record CancelTask(String dealId, String taskId, Long expectedVersion, Instant occurredAt) implements DealCommand {

    public CancelTask {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
