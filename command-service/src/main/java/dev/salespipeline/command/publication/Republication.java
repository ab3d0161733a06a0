package dev.salespipeline.command.publication;

import java.util.Collections;
import java.util.Map;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Publishes the event store again, from the start or from a position, for consumers that rebuild
 * their state from the topic. Consumers deduplicate, so the copies this creates are harmless.
 *
 * <p>The publisher's token is reset, which needs every instance's claim on it: run it while one
 * command-service instance is up, or stop the others' publishers first.
 */
@Component
class Republication {

    private final EventProcessingConfiguration processing;
    private final EventStore events;
    private volatile Run run;

    Republication(EventProcessingConfiguration processing, EventStore events) {
        this.processing = processing;
        this.events = events;
    }

    /** Starts publishing again from {@code fromPosition} (inclusive), or from the first event when null. */
    synchronized void start(Long fromPosition) {
        TrackingEventProcessor publisher = publisher();
        long from = fromPosition == null || fromPosition <= 0 ? 0 : fromPosition;
        long until = position(events.createHeadToken());
        publisher.shutDown();
        if (from == 0) {
            publisher.resetTokens();
        } else {
            publisher.resetTokens(GapAwareTrackingToken.newInstance(from - 1, Collections.emptySortedSet()));
        }
        run = new Run(from, until);
        publisher.start();
    }

    /**
     * Where the latest republication stands: it is over once every segment of the publisher has passed the
     * store position that was the newest when it began. Until the publisher has claimed its segments again
     * after the reset, its position is unknown (-1) and the republication counts as going on.
     */
    Progress progress() {
        Map<Integer, EventTrackerStatus> segments = publisher().processingStatus();
        long position = segments.isEmpty() ? -1 : segments.values().stream()
                .mapToLong(status -> status.getTrackingToken() == null ? -1 : position(status.getTrackingToken()))
                .min().orElse(-1);
        Run current = run;
        if (current == null) {
            return new Progress(false, position, position, null);
        }
        return new Progress(position < current.until(), position, current.until(), current.from());
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }

    private TrackingEventProcessor publisher() {
        return processing.eventProcessor(KafkaEventPublisher.PROCESSING_GROUP, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("the Kafka publisher is not configured"));
    }

    private record Run(long from, long until) {
    }

    /**
     * @param republishing whether events published before are being sent again
     * @param position     the store position every segment of the publisher has passed (-1: not known yet)
     * @param until        the newest store position when the republication began: it is done past this
     * @param from         where the republication began, or null if there has been none since start-up
     */
    record Progress(boolean republishing, long position, long until, Long from) {
    }
}
