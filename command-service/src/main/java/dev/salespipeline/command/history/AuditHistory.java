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

    /** The first event of an aggregate, or null if it has none. */
    public DomainEventMessage<?> first(String aggregateId) {
        DomainEventStream stream = events.readEvents(aggregateId, 0);
        return stream.hasNext() ? stream.next() : null;
    }

    /**
     * Events caused by {@code actor} whose business time lies in [{@code from}, {@code to}), in store
     * order; restricted to events recorded with {@code team} when it is not null.
     */
    public List<HistoryEntry> byActor(String actor, String team, Instant from, Instant to, int page, int size) {
        String teamCondition = team == null ? "" : " and convert_from(metadata, 'UTF8')::jsonb ->> '"
                + MetadataKeys.TEAM + "' = ?";
        List<Object> parameters = new ArrayList<>(List.of(actor, from.toString(), to.toString()));
        if (team != null) {
            parameters.add(team);
        }
        parameters.add(size);
        parameters.add((long) page * size);
        List<Long> sequences = new ArrayList<>();
        List<String> aggregates = new ArrayList<>();
        jdbc.query("select aggregateidentifier, sequencenumber from domainevententry"
                        + " where convert_from(metadata, 'UTF8')::jsonb ->> '" + MetadataKeys.ACTOR + "' = ?"
                        + " and (convert_from(payload, 'UTF8')::jsonb ->> 'occurredAt')::timestamptz >= ?::timestamptz"
                        + " and (convert_from(payload, 'UTF8')::jsonb ->> 'occurredAt')::timestamptz < ?::timestamptz"
                        + teamCondition
                        + " order by globalindex limit ? offset ?",
                row -> {
                    aggregates.add(row.getString(1));
                    sequences.add(row.getLong(2));
                }, parameters.toArray());
        List<HistoryEntry> entries = new ArrayList<>();
        for (int i = 0; i < aggregates.size(); i++) {
            DomainEventStream stream = events.readEvents(aggregates.get(i), sequences.get(i));
            if (stream.hasNext()) {
                entries.add(entry(stream.next()));
            }
        }
        return entries;
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
