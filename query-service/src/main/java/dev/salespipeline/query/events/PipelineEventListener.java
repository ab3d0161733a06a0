package dev.salespipeline.query.events;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.envelope.EventTypes;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the pipeline event topic and hands each event to every {@link Projection}. Offsets are
 * committed by the container after the listener returns, that is after the documents are written.
 * Records that cannot be read go to the dead-letter topic (see {@link EventConsumerConfiguration}).
 */
@Component
public class PipelineEventListener {

    /** The listener container's id, for those who stop, restart or watch it. */
    public static final String LISTENER_ID = "pipeline-events";

    private static final Logger log = LoggerFactory.getLogger(PipelineEventListener.class);
    private static final TypeReference<EventEnvelope<JsonNode>> GENERIC_ENVELOPE = new TypeReference<>() { };

    private final JsonMapper json;
    private final List<Projection> projections;

    PipelineEventListener(JsonMapper json, List<Projection> projections) {
        this.json = json;
        this.projections = projections;
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.PIPELINE_EVENTS,
            groupId = "${pipeline.query.consumer-group:query-service}")
    void on(ConsumerRecord<String, String> record) {
        EventEnvelope<?> envelope = read(record);
        if (envelope == null) {
            return;
        }
        for (Projection projection : projections) {
            projection.apply(envelope);
        }
    }

    private EventEnvelope<?> read(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            throw new MalformedEventException("record without a value");
        }
        EventEnvelope<JsonNode> generic;
        try {
            generic = json.readValue(record.value(), GENERIC_ENVELOPE);
        } catch (JacksonException e) {
            throw new MalformedEventException("not an event envelope: " + e.getOriginalMessage(), e);
        }
        if (record.key() != null && !record.key().equals(generic.aggregateId())) {
            throw new MalformedEventException("record key " + record.key() + " differs from aggregateId "
                    + generic.aggregateId());
        }
        var registered = EventTypes.byName(generic.type());
        if (registered.isEmpty()) {
            // A newer producer may publish types this version does not know yet; they are not errors.
            log.debug("Skipping event {} of unknown type {}", generic.eventId(), generic.type());
            return null;
        }
        Object payload;
        try {
            payload = json.treeToValue(generic.payload(), registered.get().payloadType());
        } catch (JacksonException e) {
            throw new MalformedEventException("payload is not a valid " + generic.type() + ": "
                    + e.getOriginalMessage(), e);
        }
        if (payload instanceof DomainEvent event && !event.aggregateId().equals(generic.aggregateId())) {
            throw new MalformedEventException("payload belongs to " + event.aggregateId() + ", envelope to "
                    + generic.aggregateId());
        }
        return new EventEnvelope<>(generic.eventId(), generic.type(), generic.version(), generic.aggregateId(),
                generic.aggregateSequence(), generic.globalSequence(), generic.occurredAt(), generic.recordedAt(),
                generic.actor(), generic.source(), generic.correlationId(), payload);
    }
}
