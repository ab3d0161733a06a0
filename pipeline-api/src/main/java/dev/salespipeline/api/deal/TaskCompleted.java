package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

/** A task was done; {@code occurredAt} is when. */
public record TaskCompleted(String dealId, String taskId, Instant occurredAt) implements DealEvent {

    public TaskCompleted {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
