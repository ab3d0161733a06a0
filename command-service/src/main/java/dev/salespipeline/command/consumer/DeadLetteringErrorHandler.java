package dev.salespipeline.command.consumer;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;

import dev.salespipeline.command.consumer.ConsumerFailures.FailureKind;

/**
 * The error handler of a tracking event processor whose events must neither be skipped silently nor block it:
 * a transient failure propagates, so the processor keeps its token and retries the event with back-off (Axon's
 * tracking processor releases the segment and tries again after 1, 2, 4 ... up to 60 seconds); a permanent failure
 * sends the event to the processor's dead-letter topic, with or without the event's payload, and the processor
 * goes on. If
 * the dead letter cannot be sent, that failure propagates and the event is tried again.
 */
public final class DeadLetteringErrorHandler implements ListenerInvocationErrorHandler {

    private final String consumer;
    private final String topic;
    private final DeadLetters deadLetters;
    private final boolean withPayload;

    /**
     * @param withPayload whether the dead letter carries the event's payload, for a reader who acts on it; not
     *                    where the payload may be what failed (too large to publish, say)
     */
    public DeadLetteringErrorHandler(String consumer, String topic, DeadLetters deadLetters, boolean withPayload) {
        this.consumer = consumer;
        this.topic = topic;
        this.deadLetters = deadLetters;
        this.withPayload = withPayload;
    }

    @Override
    public void onError(Exception exception, EventMessage<?> event, EventMessageHandler eventHandler) throws Exception {
        if (ConsumerFailures.classify(exception) == FailureKind.TRANSIENT) {
            throw exception;
        }
        deadLetters.send(consumer, topic, event, null, null, withPayload ? event.getPayload() : null, exception);
    }
}
