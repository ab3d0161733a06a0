package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.Bounds;

/** Schedules a task (the deal's next action) with a due time. */
public record ScheduleTask(String dealId, String taskId, String title, Instant dueAt, Long expectedVersion, Instant occurredAt) implements DealCommand {

    public ScheduleTask {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("dealId", dealId, Bounds.ID_LENGTH);
        Bounds.text("taskId", taskId, Bounds.ID_LENGTH);
        Bounds.text("title", title, Bounds.TITLE_LENGTH);
        Bounds.time("dueAt", dueAt);
        Bounds.time("occurredAt", occurredAt);
    }
}
