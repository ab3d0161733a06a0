package dev.salespipeline.query.task.projection;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Read model of one task of a deal, with what the task lists need from the deal: its title, pipeline,
 * owner and team as they are now. {@code lastSequence} is the sequence of the deal's last event applied
 * to this document, which makes every update idempotent, also those that come from deal events (a
 * hand-over changes the owner of all the deal's tasks).
 *
 * @param id        the deal id and the task id, as task ids are unique within a deal
 * @param ownerId   the deal's current owner, whose task it is
 * @param status    OPEN, DONE or CANCELLED
 * @param doneAt    when it was done or cancelled, or null while it is open
 */
@Document(Task.COLLECTION)
public record Task(
        @Id String id,
        String taskId,
        String dealId,
        String dealTitle,
        String pipelineId,
        String ownerId,
        String teamId,
        String title,
        Instant dueAt,
        String status,
        Instant scheduledAt,
        Instant doneAt,
        int rescheduledCount,
        long lastSequence) {

    public static final String COLLECTION = "tasks";
    public static final String OPEN = "OPEN";
    public static final String DONE = "DONE";
    public static final String CANCELLED = "CANCELLED";

    public static String id(String dealId, String taskId) {
        return dealId + "/" + taskId;
    }
}
