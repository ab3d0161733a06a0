package dev.salespipeline.query.task;

import java.time.Instant;
import java.util.List;

/**
 * A caller's open tasks by when they are due, each list due first first. "Today" is the calendar day in
 * the company's time zone.
 *
 * @param dueToday due from now until the end of today
 * @param overdue  due before now
 * @param upcoming due from tomorrow on, for the number of days asked
 */
public record TaskLists(List<Item> dueToday, List<Item> overdue, List<Item> upcoming) {

    public record Item(String taskId, String title, Instant dueAt, String dealId, String dealTitle,
                       String pipelineId, String ownerId, int rescheduledCount) {
    }
}
