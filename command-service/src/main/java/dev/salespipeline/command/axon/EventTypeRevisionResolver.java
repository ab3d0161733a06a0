package dev.salespipeline.command.axon;

import org.axonframework.serialization.RevisionResolver;

import dev.salespipeline.api.envelope.EventTypes;

/**
 * Stores each event with the schema version registered for it in {@link EventTypes}, the same
 * version the Kafka envelope carries, so upcasters and consumers read one number.
 */
class EventTypeRevisionResolver implements RevisionResolver {

    @Override
    public String revisionOf(Class<?> payloadType) {
        return EventTypes.all().values().stream()
                .filter(registered -> registered.payloadType().equals(payloadType))
                .findFirst()
                .map(registered -> Integer.toString(registered.version()))
                .orElse(null);
    }
}
