package dev.salespipeline.query.timeline;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.salespipeline.query.timeline.projection.TimelineEntry.Activity;

/**
 * A page of a deal's timeline, newest first.
 *
 * @param total how many entries match, on all pages
 */
public record TimelinePage(String dealId, List<Entry> entries, int page, int size, long total) {

    /**
     * One event of the deal.
     *
     * @param sequence the event's position in the deal's history, from 0
     * @param stageId  the stage the deal is in after the event, when the event names it
     * @param note     a hand-over's reason or a loss's comment
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(long sequence, String type, Instant occurredAt, Instant recordedAt, String actor,
                        String source, String correlationId, String summary, String pipelineId, String stageId,
                        String stageName, @JsonInclude(JsonInclude.Include.ALWAYS) List<Change> changes,
                        Activity activity, String note) {
    }

    /**
     * A field's value before and after, as text. For {@code stage} and {@code pipeline} the values are ids
     * and the names are the stages' and pipelines' names as they are now.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(String field, String from, String to, String fromName, String toName) {
    }
}
