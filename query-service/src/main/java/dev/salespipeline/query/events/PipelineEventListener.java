package dev.salespipeline.query.events;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
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

    private static final TypeReference<EventEnvelope<JsonNode>> GENERIC_ENVELOPE = new TypeReference<>() { };

    private final JsonMapper json;
    private final RequiredFields requiredFields;
    private final List<Projection> projections;

    PipelineEventListener(JsonMapper json, List<Projection> projections) {
        this.json = json;
        this.requiredFields = new RequiredFields(json);
        this.projections = projections;
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.PIPELINE_EVENTS,
            groupId = "${pipeline.query.consumer-group:query-service}")
    void on(ConsumerRecord<String, String> record) {
        EventEnvelope<?> envelope = read(record);
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
        if (generic == null || generic.eventId() == null || generic.type() == null || generic.aggregateId() == null
                || generic.occurredAt() == null || generic.payload() == null || generic.payload().isNull()) {
            throw new MalformedEventException("envelope without eventId, type, aggregateId, occurredAt or payload");
        }
        if (record.key() != null && !record.key().equals(generic.aggregateId())) {
            throw new MalformedEventException("record key " + record.key() + " differs from aggregateId "
                    + generic.aggregateId());
        }
        var registered = EventTypes.byName(generic.type());
        if (registered.isEmpty()) {
            // A newer producer may publish types this version does not know yet. Skipping them would leave the read
            // models without them for good; on the dead-letter topic they show that this reader needs upgrading.
            throw new MalformedEventException("unknown event type " + generic.type() + " (event " + generic.eventId()
                    + ")");
        }
        List<String> missing = requiredFields.missing(generic.type(), generic.version(), generic.payload());
        if (!missing.isEmpty()) {
            throw new MalformedEventException("payload of " + generic.type() + " v" + generic.version()
                    + " lacks required fields " + missing);
        }
        Object payload;
        try {
            payload = json.treeToValue(generic.payload(), registered.get().payloadType());
        } catch (JacksonException e) {
            throw new MalformedEventException("payload is not a valid " + generic.type() + ": "
                    + e.getOriginalMessage(), e);
        }
        if (payload instanceof DomainEvent event && !generic.aggregateId().equals(event.aggregateId())) {
            throw new MalformedEventException("payload belongs to " + event.aggregateId() + ", envelope to "
                    + generic.aggregateId());
        }
        return new EventEnvelope<>(generic.eventId(), generic.type(), generic.version(), generic.aggregateId(),
                generic.aggregateSequence(), generic.globalSequence(), generic.occurredAt(), generic.recordedAt(),
                generic.actor(), generic.source(), generic.correlationId(), payload);
    }
}
