package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

/** Schedules a task (the deal's next action) with a due time. */
public record ScheduleTask(String dealId, String taskId, String title, Instant dueAt, Long expectedVersion, Instant occurredAt) implements DealCommand {

    public ScheduleTask {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
