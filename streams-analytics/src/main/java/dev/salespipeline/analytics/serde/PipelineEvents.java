package dev.salespipeline.analytics.serde;

import java.util.Optional;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;

import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.envelope.EventTypes;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The source every topology reads: {@link Topics#PIPELINE_EVENTS}, in business time.
 * A topic may be read only once per application, so the stream is created here once and handed to
 * each topology's {@code buildTopology}.
 */
public final class PipelineEvents {

    public static final JsonSerde<EventEnvelope<JsonNode>> ENVELOPE_SERDE = JsonSerde.of(new TypeReference<>() { });
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PipelineEvents() {
    }

    public static KStream<String, EventEnvelope<JsonNode>> stream(StreamsBuilder builder) {
        return builder.stream(Topics.PIPELINE_EVENTS,
                Consumed.with(Serdes.String(), ENVELOPE_SERDE)
                        .withTimestampExtractor(new OccurredAtTimestampExtractor())
                        .withName("pipeline-events-source"));
    }

    /** The payload as its event record, if the envelope holds the given type. */
    public static <E> Optional<E> payload(EventEnvelope<JsonNode> envelope, Class<E> eventType) {
        if (envelope == null || !EventTypes.nameOf(eventType).equals(envelope.type())) {
            return Optional.empty();
        }
        return Optional.of(JSON.treeToValue(envelope.payload(), eventType));
    }

    /**
     * The payload as the event record its type names, whatever the type; empty for a type this version
     * does not know. Earlier versions of a payload read into the current record (fields added since are null).
     */
    public static Optional<DomainEvent> event(EventEnvelope<JsonNode> envelope) {
        if (envelope == null) {
            return Optional.empty();
        }
        return EventTypes.byName(envelope.type())
                .filter(registered -> DomainEvent.class.isAssignableFrom(registered.payloadType()))
                .map(registered -> (DomainEvent) JSON.treeToValue(envelope.payload(), registered.payloadType()));
    }

    /** Whether the envelope holds an event of one of the given kinds, judged by its type name alone. */
    public static boolean holds(EventEnvelope<JsonNode> envelope, Class<? extends DomainEvent> kind) {
        return envelope != null && EventTypes.byName(envelope.type())
                .filter(registered -> kind.isAssignableFrom(registered.payloadType()))
                .isPresent();
    }
}
