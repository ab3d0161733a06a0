package dev.salespipeline.api.envelope;

import java.util.Map;
import java.util.Optional;

import dev.salespipeline.api.deal.DealAmountChanged;
import dev.salespipeline.api.deal.DealOpened;

/**
 * The names under which event payloads travel in {@link EventEnvelope#type()}, with their current
 * schema version. A name is the event record's simple name and never changes once published.
 */
public final class EventTypes {

    private static final Map<String, Registered> BY_NAME = Map.of(
            "DealOpened", new Registered(DealOpened.class, 1),
            "DealAmountChanged", new Registered(DealAmountChanged.class, 1));

    private EventTypes() {
    }

    public record Registered(Class<?> payloadType, int version) {
    }

    public static Optional<Registered> byName(String type) {
        return Optional.ofNullable(BY_NAME.get(type));
    }

    public static String nameOf(Class<?> payloadType) {
        return BY_NAME.entrySet().stream()
                .filter(e -> e.getValue().payloadType().equals(payloadType))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a published event type: " + payloadType.getName()));
    }

    public static int versionOf(Class<?> payloadType) {
        return byName(nameOf(payloadType)).orElseThrow().version();
    }

    public static Map<String, Registered> all() {
        return BY_NAME;
    }
}
