package dev.salespipeline.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.envelope.EventTypes;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every published event type travels through the JSON envelope and comes back equal, read the way a
 * consumer reads it (generic envelope first, then the payload by its type name): a valid event can
 * never end up on a consumer's dead-letter topic.
 */
class EventContractTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theSamplesCoverEveryRegisteredEventType() {
        Set<Class<?>> sampled = EventSamples.all().stream().map(Object::getClass).collect(Collectors.toSet());
        Set<Class<?>> registered = EventTypes.all().values().stream().map(EventTypes.Registered::payloadType)
                .collect(Collectors.toSet());

        assertThat(sampled).containsExactlyInAnyOrderElementsOf(registered);
    }

    @Test
    void everyEventComesBackEqualThroughTheEnvelope() {
        for (DomainEvent event : EventSamples.all()) {
            EventEnvelope<DomainEvent> envelope = new EventEnvelope<>("e-" + event.getClass().getSimpleName(),
                    EventTypes.nameOf(event.getClass()), EventTypes.versionOf(event.getClass()), event.aggregateId(), 3,
                    77, event.occurredAt(), Instant.parse("2026-11-16T09:30:16Z"), "anna", "web", "c-1", event);

            String document = json.writeValueAsString(envelope);
            EventEnvelope<JsonNode> generic = json.readValue(document, new TypeReference<EventEnvelope<JsonNode>>() { });
            Object payload = json.treeToValue(generic.payload(),
                    EventTypes.byName(generic.type()).orElseThrow().payloadType());

            assertThat(payload).as(generic.type()).isEqualTo(event);
            assertThat(generic.aggregateId()).isEqualTo(event.aggregateId());
        }
    }
}
