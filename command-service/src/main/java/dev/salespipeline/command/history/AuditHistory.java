package dev.salespipeline.command.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.envelope.EventTypes;
import dev.salespipeline.api.envelope.MetadataKeys;

/**
 * The audit history, read from the event store itself: every event ever accepted, with who caused
 * it, through which channel, when, and what it changed. Nothing is summarised away and nothing
 * expires. Events are read through Axon, so upcasters apply as they do for the aggregates.
 */
@Component
public class AuditHistory {

    /** Rows read at a time while looking for the entries of a page the caller may see. */
    private static final int SCAN_BATCH = 500;

    private final EventStore events;
    private final JdbcTemplate jdbc;

    AuditHistory(EventStore events, JdbcTemplate jdbc) {
        this.events = events;
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} events of one aggregate, from sequence {@code from} on, oldest first. */
    public List<HistoryEntry> ofAggregate(String aggregateId, long from, int limit) {
        List<HistoryEntry> entries = new ArrayList<>();
        DomainEventStream stream = events.readEvents(aggregateId, from);
        while (stream.hasNext() && entries.size() < limit) {
            entries.add(entry(stream.next()));
        }
        return entries;
    }

    /**
     * Events caused by {@code actor} whose business time lies in [{@code from}, {@code to}), in store
     * order, restricted to events recorded with {@code team} when it is not null, and to aggregates
     * {@code visible} lets through: page {@code page} of {@code size} of those.
     */
    public List<HistoryEntry> byActor(String actor, String team, Instant from, Instant to, int page, int size,
                                      HistoryVisibility.Decisions visible) {
        String teamCondition = team == null ? "" : " and convert_from(metadata, 'UTF8')::jsonb ->> '"
                + MetadataKeys.TEAM + "' = ?";
        long skip = (long) page * size;
        long after = -1;
        List<HistoryEntry> entries = new ArrayList<>();
        while (entries.size() < size) {
            List<Object> parameters = new ArrayList<>(List.of(actor, from.toString(), to.toString(), after));
            if (team != null) {
                parameters.add(team);
            }
            parameters.add(SCAN_BATCH);
            List<Row> rows = jdbc.query("select globalindex, aggregateidentifier, sequencenumber, type"
                            + " from domainevententry"
                            + " where convert_from(metadata, 'UTF8')::jsonb ->> '" + MetadataKeys.ACTOR + "' = ?"
                            + " and (convert_from(payload, 'UTF8')::jsonb ->> 'occurredAt')::timestamptz >= ?::timestamptz"
                            + " and (convert_from(payload, 'UTF8')::jsonb ->> 'occurredAt')::timestamptz < ?::timestamptz"
                            + " and globalindex > ?"
                            + teamCondition
                            + " order by globalindex limit ?",
                    (row, number) -> new Row(row.getLong(1), row.getString(2), row.getLong(3), row.getString(4)),
                    parameters.toArray());
            for (Row row : rows) {
                after = row.globalIndex();
                if (entries.size() == size) {
                    break;
                }
                if (!visible.maySee(row.type(), row.aggregateId())) {
                    continue;
                }
                if (skip > 0) {
                    skip--;
                    continue;
                }
                DomainEventStream stream = events.readEvents(row.aggregateId(), row.sequence());
                if (stream.hasNext()) {
                    entries.add(entry(stream.next()));
                }
            }
            if (rows.size() < SCAN_BATCH) {
                break;
            }
        }
        return entries;
    }

    private record Row(long globalIndex, String aggregateId, long sequence, String type) {
    }

    private static HistoryEntry entry(DomainEventMessage<?> message) {
        Object event = message.getPayload();
        Instant occurredAt = event instanceof DomainEvent domainEvent ? domainEvent.occurredAt() : message.getTimestamp();
        return new HistoryEntry(message.getAggregateIdentifier(), message.getSequenceNumber(),
                typeName(message.getPayloadType()), occurredAt, message.getTimestamp(),
                text(message, MetadataKeys.ACTOR), text(message, MetadataKeys.SOURCE),
                text(message, MetadataKeys.CORRELATION_ID), FieldChanges.of(event), event);
    }

    private static String typeName(Class<?> payloadType) {
        return EventTypes.all().containsKey(payloadType.getSimpleName()) ? payloadType.getSimpleName()
                : payloadType.getName();
    }

    private static String text(DomainEventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
