package dev.salespipeline.query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.envelope.EventTypes;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.StageDefinition;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scripted history of deals and pipelines: each event is published in its envelope, with the next
 * sequence of its aggregate, and kept, so that a test can publish the very same records again.
 */
final class HistoryScript {

    /** Publishes one record to the event topic. */
    @FunctionalInterface
    interface Publisher {
        void publish(String key, String value) throws Exception;
    }

    record Published(String key, String value) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Publisher publisher;
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<Published> published = new ArrayList<>();

    HistoryScript(Publisher publisher) {
        this.publisher = publisher;
    }

    /** Publishes the event as {@code actor} through {@code source}; returns its aggregate sequence. */
    long publish(DomainEvent event, String actor, String source) throws Exception {
        long sequence = sequences.merge(event.aggregateId(), 1L, Long::sum) - 1;
        Class<?> type = event.getClass();
        String value = JSON.writeValueAsString(new EventEnvelope<>(UUID.randomUUID().toString(),
                EventTypes.nameOf(type), EventTypes.versionOf(type), event.aggregateId(), sequence, 1,
                event.occurredAt(), event.occurredAt().plusSeconds(2), actor, source, "corr-" + event.aggregateId()
                + "-" + sequence, event));
        publisher.publish(event.aggregateId(), value);
        published.add(new Published(event.aggregateId(), value));
        return sequence;
    }

    long publish(DomainEvent event) throws Exception {
        return publish(event, "anna", "web");
    }

    /** Publishes every record published so far once more, in the same order. */
    void republishAll() throws Exception {
        for (Published record : List.copyOf(published)) {
            publisher.publish(record.key(), record.value());
        }
    }

    List<Published> published() {
        return List.copyOf(published);
    }

    /**
     * A pipeline with the default stages: Lead 10 %, Qualified 20 %, Proposal sent 50 %, Negotiation 70 %,
     * Contract sent 90 %.
     */
    static PipelineDefined salesPipeline(String pipelineId, String name, Instant at) {
        return new PipelineDefined(pipelineId, name, List.of(
                new StageDefinition("lead", "Lead", 10, null, null),
                new StageDefinition("qualified", "Qualified", 20, null, null),
                new StageDefinition("proposal", "Proposal sent", 50, Duration.ofDays(14), null),
                new StageDefinition("negotiation", "Negotiation", 70, null, null),
                new StageDefinition("contract", "Contract sent", 90, null, null)),
                Duration.ofDays(30), List.of("Price", "Timing"), at);
    }
}
