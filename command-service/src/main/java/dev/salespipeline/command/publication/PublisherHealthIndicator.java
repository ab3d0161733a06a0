package dev.salespipeline.command.publication;

import java.util.Map;
import java.util.Optional;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The Kafka publisher is healthy while it runs without error. When Kafka cannot take events, its
 * tracking processor retries in error mode and this indicator reports DOWN with the error; events
 * wait in the store and go out once Kafka is back. {@code behind} counts how many positions of the
 * event store are not yet published (on this instance's segments).
 */
@Component("kafkaPublisherHealthIndicator")
class PublisherHealthIndicator implements HealthIndicator {

    private final EventProcessingConfiguration processing;
    private final EventStore events;

    PublisherHealthIndicator(EventProcessingConfiguration processing, EventStore events) {
        this.processing = processing;
        this.events = events;
    }

    @Override
    public Health health() {
        Optional<TrackingEventProcessor> found = processing.eventProcessor(KafkaEventPublisher.PROCESSING_GROUP,
                TrackingEventProcessor.class);
        if (found.isEmpty()) {
            return Health.down().withDetail("processor", "missing").build();
        }
        TrackingEventProcessor publisher = found.get();
        if (!publisher.isRunning()) {
            return Health.down().withDetail("processor", "stopped").build();
        }
        Map<Integer, EventTrackerStatus> segments = publisher.processingStatus();
        Health.Builder health = Health.up();
        long position = -1;
        for (EventTrackerStatus status : segments.values()) {
            if (status.isErrorState()) {
                Throwable error = status.getError();
                health = Health.down().withDetail("error", error == null ? "unknown" : String.valueOf(error.getMessage()));
            }
            TrackingToken token = status.getTrackingToken();
            if (token != null) {
                position = Math.max(position, token.position().orElse(-1));
            }
        }
        TrackingToken headToken = events.createHeadToken();
        long head = headToken == null ? -1 : headToken.position().orElse(-1);
        return health.withDetail("segments", segments.size())
                .withDetail("publishedUpTo", position)
                .withDetail("behind", segments.isEmpty() ? 0 : Math.max(0, head - position))
                .build();
    }
}
