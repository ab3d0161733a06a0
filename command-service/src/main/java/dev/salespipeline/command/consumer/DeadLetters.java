package dev.salespipeline.command.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.Topics;
import dev.salespipeline.api.deadletter.ProcessorDeadLetter;
import dev.salespipeline.api.envelope.EventTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where command-service's consumers put what they cannot process: sends the dead letters of its event processors
 * and counts every dead letter, of any consumer, in {@value #COUNTER} (tags {@code consumer}, {@code topic} and
 * {@code reason}, the simple name of the exception that decided).
 */
@Component
public class DeadLetters {

    /** The counter of dead-lettered records; {@code pipeline_consumer_dead_letters_total} in Prometheus. */
    public static final String COUNTER = "pipeline.consumer.dead.letters";
    /** Headers are short: a message is cut to this many characters. */
    private static final int MAX_HEADER_CHARS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Clock clock;
    private final long sendTimeoutMillis;

    DeadLetters(KafkaTemplate<String, String> kafka, JsonMapper json, MeterRegistry meters, Clock clock,
                @Value("${pipeline.publisher.send-timeout:30s}") Duration sendTimeout) {
        this.kafka = kafka;
        this.json = json;
        this.meters = meters;
        this.clock = clock;
        this.sendTimeoutMillis = sendTimeout.toMillis();
    }

    /** Counts one record that {@code consumer} sent to {@code topic} because of {@code failure}. */
    public void count(String consumer, String topic, Throwable failure) {
        Counter.builder(COUNTER)
                .description("Records a consumer could not process and sent to its dead-letter topic")
                .tag("consumer", consumer)
                .tag("topic", topic)
                .tag("reason", ConsumerFailures.decisiveCause(failure).getClass().getSimpleName())
                .register(meters)
                .increment();
    }

    /**
     * Sends a dead letter for an event that the processor {@code consumer} gives up on, waits until Kafka has it,
     * counts it and logs it.
     *
     * @param token     the event's tracking token, or null to take it from the message
     * @param sizeBytes the size of what could not be published, or null
     * @param body      the event's payload for the reader of the dead letter, or null
     * @throws DeadLetterNotSentException if Kafka did not take the dead letter: the processor must then retry the
     *                                    event rather than pass it
     */
    public void send(String consumer, String topic, EventMessage<?> event, TrackingToken token, Integer sizeBytes,
                     Object body, Throwable failure) {
        Throwable cause = ConsumerFailures.decisiveCause(failure);
        String reason = ConsumerFailures.reason(failure);
        String aggregateId = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        Long sequence = event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
        TrackingToken position = token != null ? token
                : event instanceof TrackedEventMessage<?> tracked ? tracked.trackingToken() : null;
        Long globalPosition = position == null || position.position().isEmpty() ? null : position.position().getAsLong();
        String eventType = EventTypes.nameOf(event.getPayloadType());
        ProcessorDeadLetter letter = new ProcessorDeadLetter(consumer, reason, String.valueOf(cause.getMessage()),
                cause.getClass().getName(), event.getIdentifier(), eventType, aggregateId, sequence, globalPosition,
                sizeBytes, body, clock.instant());

        ProducerRecord<String, String> record = new ProducerRecord<>(topic, aggregateId, json.writeValueAsString(letter));
        Headers headers = record.headers();
        header(headers, Topics.REJECT_REASON_HEADER, reason);
        header(headers, Topics.REJECT_DETAIL_HEADER, letter.detail());
        header(headers, Topics.EXCEPTION_CLASS_HEADER, letter.exception());
        header(headers, Topics.EXCEPTION_MESSAGE_HEADER, letter.detail());
        header(headers, Topics.EVENT_ID_HEADER, letter.eventId());
        header(headers, Topics.EVENT_TYPE_HEADER, eventType);
        header(headers, Topics.AGGREGATE_ID_HEADER, aggregateId);
        header(headers, Topics.AGGREGATE_SEQUENCE_HEADER, sequence == null ? null : sequence.toString());
        header(headers, Topics.GLOBAL_POSITION_HEADER, globalPosition == null ? null : globalPosition.toString());
        try {
            kafka.send(record).get(sendTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterNotSentException(topic, e);
        } catch (ExecutionException e) {
            throw new DeadLetterNotSentException(topic, e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            throw new DeadLetterNotSentException(topic, e);
        }
        count(consumer, topic, failure);
        LOG.error("{} could not handle event {} ({} {} #{}, position {}) and sent it to {}: {} ({})", consumer,
                letter.eventId(), eventType, aggregateId, sequence, globalPosition, topic, letter.detail(),
                cause.getClass().getSimpleName());
    }

    private static void header(Headers headers, String name, String value) {
        if (value != null) {
            String shortened = value.length() > MAX_HEADER_CHARS ? value.substring(0, MAX_HEADER_CHARS) : value;
            headers.add(name, shortened.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Kafka did not take a dead letter; the event it was for has to be tried again. */
    public static final class DeadLetterNotSentException extends RuntimeException {

        DeadLetterNotSentException(String topic, Throwable cause) {
            super("the dead letter could not be sent to " + topic + ": " + cause.getMessage(), cause);
        }
    }
}
