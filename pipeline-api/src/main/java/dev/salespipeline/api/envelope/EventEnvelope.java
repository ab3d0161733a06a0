package dev.salespipeline.api.envelope;

import java.time.Instant;
import java.util.Objects;

/**
 * The JSON document every record on {@link dev.salespipeline.api.Topics#PIPELINE_EVENTS} carries.
 * The record key is {@link #aggregateId()}.
 *
 * <p>Delivery is at least once: consumers deduplicate on {@link #eventId()} or on
 * ({@link #aggregateId()}, {@link #aggregateSequence()}), which grows by one per event of an aggregate.
 *
 * @param eventId           unique id of the event
 * @param type              event type name, see {@link EventTypes}
 * @param version           revision of the payload's schema for this type
 * @param aggregateId       the deal, pipeline or target the event belongs to
 * @param aggregateSequence position of the event within its aggregate, from 0
 * @param globalSequence    position of the event in the whole event store
 * @param occurredAt        business time: when it happened
 * @param recordedAt        when the event store accepted it
 * @param actor             who caused it
 * @param source            where it came from: web, api, integration, import
 * @param correlationId     id shared by all events caused by one request
 * @param payload           the event itself
 * @param <P>               payload type: an event record when writing, a JSON tree when reading generically
 */
public record EventEnvelope<P>(
        String eventId,
        String type,
        int version,
        String aggregateId,
        long aggregateSequence,
        long globalSequence,
        Instant occurredAt,
        Instant recordedAt,
        String actor,
        String source,
        String correlationId,
        P payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(payload, "payload");
    }
}
