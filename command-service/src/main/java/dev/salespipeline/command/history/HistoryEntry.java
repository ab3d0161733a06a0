package dev.salespipeline.command.history;

import java.time.Instant;
import java.util.List;

/**
 * One event of the audit history, as stored.
 *
 * @param aggregateId   the deal or pipeline it belongs to
 * @param sequence      its position in that aggregate's history, from 0
 * @param type          the event type, as on the Kafka topic
 * @param occurredAt    business time
 * @param recordedAt    when the event store took it
 * @param actor         who caused it
 * @param source        web, api, integration or import
 * @param correlationId the request that caused it
 * @param changes       for changes of fields: each field with its old and new value
 * @param event         the event itself
 */
public record HistoryEntry(String aggregateId, long sequence, String type, Instant occurredAt, Instant recordedAt,
                           String actor, String source, String correlationId, List<FieldChange> changes,
                           Object event) {

    /** A field that changed, with the value before and after (either may be null: not set). */
    public record FieldChange(String field, Object from, Object to) {
    }
}
