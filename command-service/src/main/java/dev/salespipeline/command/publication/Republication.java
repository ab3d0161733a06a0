package dev.salespipeline.command.publication;

import java.util.Collections;
import java.util.Map;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
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

    Republication(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** Starts publishing again from {@code fromPosition} (inclusive), or from the first event when null. */
    synchronized void start(Long fromPosition) {
        TrackingEventProcessor publisher = publisher();
        publisher.shutDown();
        if (fromPosition == null || fromPosition <= 0) {
            publisher.resetTokens();
        } else {
            publisher.resetTokens(GapAwareTrackingToken.newInstance(fromPosition - 1, Collections.emptySortedSet()));
        }
        publisher.start();
    }

    /** Whether a republication is still going on, and where it stands. */
    Progress progress() {
        Map<Integer, EventTrackerStatus> segments = publisher().processingStatus();
        // A replay over a store with gaps can stay flagged until a newer event arrives; what counts is
        // whether the position has reached the point where the republication began.
        boolean replaying = segments.values().stream().anyMatch(status -> status.isReplaying()
                && status.getCurrentPosition().orElse(-1) < status.getResetPosition().orElse(Long.MAX_VALUE));
        long position = segments.values().stream()
                .map(EventTrackerStatus::getTrackingToken)
                .filter(token -> token != null)
                .mapToLong(token -> token.position().orElse(-1))
                .max().orElse(-1);
        long until = segments.values().stream()
                .map(EventTrackerStatus::getResetPosition)
                .filter(reset -> reset.isPresent())
                .mapToLong(reset -> reset.getAsLong())
                .max().orElse(position);
        return new Progress(replaying, position, until);
    }

    private TrackingEventProcessor publisher() {
        return processing.eventProcessor(KafkaEventPublisher.PROCESSING_GROUP, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("the Kafka publisher is not configured"));
    }

    /**
     * @param republishing whether events published before are being sent again
     * @param position     the store position published up to now
     * @param until        where the republication ends and normal publication resumes
     */
    record Progress(boolean republishing, long position, long until) {
    }
}
