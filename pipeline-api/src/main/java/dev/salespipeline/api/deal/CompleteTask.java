package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

/** Marks an open task done. */
public record CompleteTask(String dealId, String taskId, Long expectedVersion, Instant occurredAt) implements DealCommand {

    public CompleteTask {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
