package dev.salespipeline.command.publication;

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
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes every stored event to {@link Topics#PIPELINE_EVENTS} as an {@link EventEnvelope}, keyed
 * by aggregate id.
 *
 * <p>Runs in a tracking event processor whose token lives in PostgreSQL. The sends of one batch are
 * awaited before the unit of work commits, so the token only moves past events Kafka has
 * acknowledged. A failed send fails the batch; the processor retries it with back-off (its error
 * handler propagates), which gives at-least-once delivery in store order.
 */
@Component
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
class KafkaEventPublisher {

    static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String PENDING_SENDS = KafkaEventPublisher.class.getName() + ".pending";

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final long sendTimeoutMillis;

    KafkaEventPublisher(KafkaTemplate<String, String> kafka, JsonMapper json,
                        @Value("${pipeline.publisher.send-timeout:30s}") java.time.Duration sendTimeout) {
        this.kafka = kafka;
        this.json = json;
        this.sendTimeoutMillis = sendTimeout.toMillis();
    }

    @EventHandler
    void publish(Object payload, EventMessage<?> message, TrackingToken token) {
        EventEnvelope<Object> envelope = EnvelopeFactory.from(message, token);
        String document = json.writeValueAsString(envelope);
        pendingSends().add(kafka.send(Topics.PIPELINE_EVENTS, envelope.aggregateId(), document));
    }

    private List<CompletableFuture<?>> pendingSends() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(PENDING_SENDS, key -> {
            List<CompletableFuture<?>> pending = new ArrayList<>();
            root.onPrepareCommit(unitOfWork -> awaitAcknowledgements(pending));
            return pending;
        });
    }

    private void awaitAcknowledgements(List<CompletableFuture<?>> pending) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(sendTimeoutMillis);
        for (CompletableFuture<?> send : pending) {
            try {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublicationFailedException("interrupted while waiting for Kafka", e);
            } catch (ExecutionException e) {
                throw new PublicationFailedException("Kafka refused an event: " + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new PublicationFailedException("Kafka did not acknowledge within " + sendTimeoutMillis + " ms", e);
            }
        }
    }

    /** Fails the publisher's batch so that its token stays where it was. */
    static final class PublicationFailedException extends RuntimeException {

        PublicationFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
