package dev.salespipeline.analytics.activity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.envelope.EventTypes;

/**
 * The event topic of a {@link TopologyTestDriver}, written as the command side writes it, with the actor of
 * each event given: each aggregate's events numbered from 0, the record timestamp the event's business time.
 * Keeps every envelope sent, for redelivery.
 */
final class ActorLog {

    private final TestInputTopic<String, Object> topic;
    private final Map<String, Long> nextSequence = new HashMap<>();
    private final List<EventEnvelope<?>> sent = new ArrayList<>();

    ActorLog(TopologyTestDriver driver) {
        this.topic = driver.createInputTopic(Topics.PIPELINE_EVENTS, Serdes.String().serializer(),
                JsonSerde.of(Object.class).serializer());
    }

    /** Publishes the event, caused by the actor, as the next one of its aggregate. */
    <E extends DomainEvent> EventEnvelope<E> append(String actor, E event) {
        long sequence = nextSequence.merge(event.aggregateId(), 1L, Long::sum) - 1;
        EventEnvelope<E> envelope = envelope(actor, sequence, event);
        sent.add(envelope);
        redeliver(envelope);
        return envelope;
    }

    /** The envelope of an event caused by the actor, at the given position of its aggregate. */
    static <E extends DomainEvent> EventEnvelope<E> envelope(String actor, long sequence, E event) {
        return new EventEnvelope<>(UUID.randomUUID().toString(), EventTypes.nameOf(event.getClass()),
                EventTypes.versionOf(event.getClass()), event.aggregateId(), sequence, 0, event.occurredAt(),
                event.occurredAt(), actor, actor.startsWith("integration:") ? "integration" : "web",
                UUID.randomUUID().toString(), event);
    }

    /** Publishes an envelope again, as an at-least-once producer may. */
    void redeliver(EventEnvelope<?> envelope) {
        topic.pipeInput(envelope.aggregateId(), envelope, envelope.occurredAt());
    }

    /** Every envelope published so far, in order. */
    List<EventEnvelope<?>> sent() {
        return List.copyOf(sent);
    }
}
