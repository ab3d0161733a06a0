package dev.salespipeline.api.deadletter;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The value of a record on a dead-letter topic of an event processor ({@code activities.delivery.v1.dlt},
 * {@code pipeline.events.v1.publisher.dlt}): which event could not be handled, where it is in the event store, and
 * why. The event itself stays in the store; its payload is included where a reader needs it to act
 * ({@code event}), and left out where it is the problem (the publisher gives its {@code sizeBytes} instead).
 *
 * @param consumer          the processor that gave up on the event: {@code activity-delivery}, {@code kafka-publisher}
 * @param reason            a stable code, as in the {@code x-reject-reason} header: {@code rule-violation},
 *                          {@code access-denied}, {@code unknown-aggregate}, {@code invalid-value}, {@code too-large},
 *                          {@code not-serializable}, {@code invalid-topic}, {@code not-authorized},
 *                          {@code unprocessable}
 * @param detail            the reason in words
 * @param exception         the class of the exception that decided
 * @param eventId           the event's id, as in the envelope's {@code eventId}
 * @param eventType         the event's type, as in the envelope's {@code type}
 * @param aggregateId       the event's aggregate
 * @param aggregateSequence the event's sequence number within its aggregate
 * @param globalPosition    the event's position in the store, as in the envelope's {@code globalSequence}
 * @param sizeBytes         the size of the envelope that could not be published, or null
 * @param event             the event's payload, or null
 * @param failedAt          when the processor gave up on it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProcessorDeadLetter(
        String consumer,
        String reason,
        String detail,
        String exception,
        String eventId,
        String eventType,
        String aggregateId,
        Long aggregateSequence,
        Long globalPosition,
        Integer sizeBytes,
        Object event,
        Instant failedAt) {
}
