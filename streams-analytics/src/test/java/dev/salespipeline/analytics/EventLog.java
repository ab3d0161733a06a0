package dev.salespipeline.analytics;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.envelope.EventEnvelope;

/**
 * The event topic of a {@link TopologyTestDriver}, written as the command side writes it: each aggregate's
 * events numbered from 0, the record timestamp the event's business time.
 */
public final class EventLog {

    private final TestInputTopic<String, Object> topic;
    private final Map<String, Long> nextSequence = new HashMap<>();

    public EventLog(TopologyTestDriver driver) {
        this.topic = driver.createInputTopic(Topics.PIPELINE_EVENTS, Serdes.String().serializer(),
                JsonSerde.of(Object.class).serializer());
    }

    /** Publishes the event as the next one of its aggregate and returns its envelope. */
    public <E extends DomainEvent> EventEnvelope<E> append(E event) {
        long sequence = nextSequence.merge(event.aggregateId(), 1L, Long::sum) - 1;
        EventEnvelope<E> envelope = EventMother.envelope(sequence, event);
        redeliver(envelope);
        return envelope;
    }

    /** Publishes an envelope again, as an at-least-once producer may. */
    public void redeliver(EventEnvelope<?> envelope) {
        topic.pipeInput(envelope.aggregateId(), envelope, envelope.occurredAt());
    }
}
