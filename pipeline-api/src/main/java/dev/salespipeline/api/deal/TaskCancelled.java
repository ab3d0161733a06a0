package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

/** An open task was cancelled. */
public record TaskCancelled(String dealId, String taskId, Instant occurredAt) implements DealEvent {

    public TaskCancelled {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
