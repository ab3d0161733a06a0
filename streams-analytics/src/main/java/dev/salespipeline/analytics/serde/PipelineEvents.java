package dev.salespipeline.analytics.serde;

import java.util.Optional;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;

import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.envelope.EventTypes;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The source every topology reads: {@link Topics#PIPELINE_EVENTS}, in business time.
 * A topic may be read only once per application, so the stream is created here once and handed to
 * each topology's {@code buildTopology}.
 *
 * <p>Each record is decoded once, when it is read: the envelope, then its payload as the event record its
 * type names, then the {@linkplain EventBounds bounds} of its values. A record that fails any of these
 * throws an {@link UnusableEventException} from the deserializer, so it goes to the dead-letter topic
 * before any topology has seen it and no metric counts half of it. Earlier versions of a payload read into
 * the current record (fields added since are null).
 */
public final class PipelineEvents {

    public static final Serde<EventEnvelope<DomainEvent>> ENVELOPE_SERDE = new EnvelopeSerde();

    private PipelineEvents() {
    }

    public static KStream<String, EventEnvelope<DomainEvent>> stream(StreamsBuilder builder) {
        return builder.stream(Topics.PIPELINE_EVENTS,
                Consumed.with(Serdes.String(), ENVELOPE_SERDE)
                        .withTimestampExtractor(new OccurredAtTimestampExtractor())
                        .withName("pipeline-events-source"));
    }

    /** The payload as its event record, if the envelope holds the given type. */
    public static <E> Optional<E> payload(EventEnvelope<DomainEvent> envelope, Class<E> eventType) {
        if (envelope == null || !eventType.isInstance(envelope.payload())) {
            return Optional.empty();
        }
        return Optional.of(eventType.cast(envelope.payload()));
    }

    /** The payload as the event record its type names. */
    public static Optional<DomainEvent> event(EventEnvelope<DomainEvent> envelope) {
        return envelope == null ? Optional.empty() : Optional.of(envelope.payload());
    }

    /** Whether the envelope holds an event of one of the given kinds. */
    public static boolean holds(EventEnvelope<DomainEvent> envelope, Class<? extends DomainEvent> kind) {
        return envelope != null && kind.isInstance(envelope.payload());
    }

    /** Reads the envelope and its payload, see the class comment; writes the envelope as the command side does. */
    private static final class EnvelopeSerde implements Serde<EventEnvelope<DomainEvent>> {

        private static final JsonMapper JSON = JsonMapper.builder().build();
        private static final ObjectReader ENVELOPE = JSON.readerFor(new TypeReference<EventEnvelope<JsonNode>>() { });
        private static final ObjectWriter WRITER = JSON.writerFor(new TypeReference<EventEnvelope<DomainEvent>>() { });

        @Override
        public Serializer<EventEnvelope<DomainEvent>> serializer() {
            return (topic, envelope) -> envelope == null ? null : WRITER.writeValueAsBytes(envelope);
        }

        @Override
        public Deserializer<EventEnvelope<DomainEvent>> deserializer() {
            return (topic, bytes) -> bytes == null ? null : decode(bytes);
        }

        private static EventEnvelope<DomainEvent> decode(byte[] bytes) {
            EventEnvelope<JsonNode> envelope;
            try {
                envelope = ENVELOPE.readValue(bytes);
            } catch (RuntimeException e) {
                throw new UnreadableEventException("not an event envelope: " + e.getMessage(), e);
            }
            Class<?> payloadType = EventTypes.byName(envelope.type())
                    .map(EventTypes.Registered::payloadType)
                    .filter(DomainEvent.class::isAssignableFrom)
                    .orElseThrow(() -> new UnknownEventTypeException(envelope.type()));
            DomainEvent event;
            try {
                event = (DomainEvent) JSON.treeToValue(envelope.payload(), payloadType);
            } catch (RuntimeException e) {
                throw new UnreadableEventException("not a valid " + envelope.type() + " payload: " + e.getMessage(), e);
            }
            return new EventEnvelope<>(envelope.eventId(), envelope.type(), envelope.version(), envelope.aggregateId(),
                    envelope.aggregateSequence(), envelope.globalSequence(),
                    EventBounds.check("occurredAt", envelope.occurredAt()),
                    EventBounds.check("recordedAt", envelope.recordedAt()), envelope.actor(), envelope.source(),
                    envelope.correlationId(), EventBounds.check(event));
        }
    }
}
