package dev.salespipeline.command.publication;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;

import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.envelope.EventTypes;
import dev.salespipeline.api.envelope.MetadataKeys;

/**
 * Turns a stored Axon event into the public {@link EventEnvelope}.
 */
final class EnvelopeFactory {

    private EnvelopeFactory() {
    }

    static EventEnvelope<Object> from(EventMessage<?> message, TrackingToken token) {
        if (!(message instanceof DomainEventMessage<?> domainMessage)) {
            throw new IllegalArgumentException("only aggregate events are published, got " + message.getPayloadType());
        }
        if (!(message.getPayload() instanceof DomainEvent event)) {
            throw new IllegalArgumentException(message.getPayloadType().getName() + " does not implement DomainEvent");
        }
        Class<?> type = message.getPayloadType();
        long globalSequence = token == null ? -1 : token.position().orElse(-1);
        return new EventEnvelope<>(
                message.getIdentifier(),
                EventTypes.nameOf(type),
                EventTypes.versionOf(type),
                domainMessage.getAggregateIdentifier(),
                domainMessage.getSequenceNumber(),
                globalSequence,
                event.occurredAt(),
                message.getTimestamp(),
                metadata(message, MetadataKeys.ACTOR),
                metadata(message, MetadataKeys.SOURCE),
                metadata(message, MetadataKeys.CORRELATION_ID),
                event);
    }

    private static String metadata(EventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
