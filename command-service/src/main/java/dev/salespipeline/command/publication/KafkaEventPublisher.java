package dev.salespipeline.command.publication;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.Topics;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.command.consumer.ConsumerFailures;
import dev.salespipeline.command.consumer.ConsumerFailures.FailureKind;
import dev.salespipeline.command.consumer.DeadLetters;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes every stored event to {@link Topics#PIPELINE_EVENTS} as an {@link EventEnvelope}, keyed
 * by aggregate id.
 *
 * <p>Runs in a tracking event processor whose token lives in PostgreSQL. The sends of one batch are
 * awaited before the unit of work commits, so the token only moves past events Kafka has
 * acknowledged. A send that failed for a passing reason (the broker unreachable, a timeout: see
 * {@link ConsumerFailures}) fails the batch; the processor retries it with back-off (its error handler
 * propagates), which gives at-least-once delivery in store order.
 *
 * <p>A send that can never pass (the envelope is larger than the producer or the broker takes, it cannot be
 * serialized, the topic is invalid or not ours to write) would stop the publisher for good. Such an event goes to
 * {@value Topics#PUBLISHER_DEAD_LETTERS} instead, as a small record that names it (its id, type, aggregate,
 * sequence, position and size, not its body), and the batch commits. The event stays in the store, and the events
 * behind it, of its aggregate too, are published in order. Dead letters are only sent once every send of the batch
 * has either been acknowledged or failed for good, so that a batch retried for a passing failure does not
 * dead-letter the same event twice.
 */
@Component
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
class KafkaEventPublisher {

    static final String PROCESSING_GROUP = "kafka-publisher";
    /** The name of the publisher in dead letters and their count. */
    static final String CONSUMER = "kafka-publisher";
    private static final String PENDING_SENDS = KafkaEventPublisher.class.getName() + ".pending";

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final DeadLetters deadLetters;
    private final long sendTimeoutMillis;

    KafkaEventPublisher(KafkaTemplate<String, String> kafka, JsonMapper json, DeadLetters deadLetters,
                        @Value("${pipeline.publisher.send-timeout:30s}") java.time.Duration sendTimeout) {
        this.kafka = kafka;
        this.json = json;
        this.deadLetters = deadLetters;
        this.sendTimeoutMillis = sendTimeout.toMillis();
    }

    @EventHandler
    void publish(Object payload, EventMessage<?> message, TrackingToken token) {
        EventEnvelope<Object> envelope = EnvelopeFactory.from(message, token);
        String document = null;
        CompletableFuture<?> sent;
        try {
            document = json.writeValueAsString(envelope);
            sent = kafka.send(Topics.PIPELINE_EVENTS, envelope.aggregateId(), document);
        } catch (RuntimeException e) {
            // Thrown by the serializer or before the record reached the producer's buffer: judged with the rest.
            sent = CompletableFuture.failedFuture(e);
        }
        pendingSends().add(new PendingSend(message, token, document, sent));
    }

    private List<PendingSend> pendingSends() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(PENDING_SENDS, key -> {
            List<PendingSend> pending = new ArrayList<>();
            root.onPrepareCommit(unitOfWork -> awaitAcknowledgements(pending));
            return pending;
        });
    }

    private void awaitAcknowledgements(List<PendingSend> pending) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(sendTimeoutMillis);
        List<Refused> refused = new ArrayList<>();
        for (PendingSend send : pending) {
            try {
                send.result().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublicationFailedException("interrupted while waiting for Kafka", e);
            } catch (ExecutionException e) {
                if (ConsumerFailures.classify(e.getCause()) == FailureKind.TRANSIENT) {
                    throw new PublicationFailedException("Kafka refused an event: " + e.getCause().getMessage(),
                            e.getCause());
                }
                refused.add(new Refused(send, e.getCause()));
            } catch (TimeoutException e) {
                throw new PublicationFailedException("Kafka did not acknowledge within " + sendTimeoutMillis + " ms", e);
            }
        }
        for (Refused event : refused) {
            PendingSend send = event.send();
            deadLetters.send(CONSUMER, Topics.PUBLISHER_DEAD_LETTERS, send.message(), send.token(), send.sizeBytes(),
                    null, event.failure());
        }
    }

    private record PendingSend(EventMessage<?> message, TrackingToken token, String document,
                               CompletableFuture<?> result) {

        Integer sizeBytes() {
            return document == null ? null : document.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    private record Refused(PendingSend send, Throwable failure) {
    }

    /** Fails the publisher's batch so that its token stays where it was. */
    static final class PublicationFailedException extends RuntimeException {

        PublicationFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
