package dev.salespipeline.command.consumer;

import java.util.Map;
import java.util.Optional;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health of one of the tracking event processors that consume the event store (the Kafka publisher, the activity
 * delivery): DOWN while it is missing or stopped, or while a segment retries a failure in error mode (the failure
 * is shown; a failure that cannot pass is dead-lettered instead, see {@link ConsumerFailures}, so an error that lasts
 * is one that waits for a server). {@code behind} counts the positions of the event store this instance's segments
 * have not processed yet.
 */
public class TrackingProcessorHealth implements HealthIndicator {

    private final String processingGroup;
    private final EventProcessingConfiguration processing;
    private final EventStore events;

    public TrackingProcessorHealth(String processingGroup, EventProcessingConfiguration processing, EventStore events) {
        this.processingGroup = processingGroup;
        this.processing = processing;
        this.events = events;
    }

    @Override
    public Health health() {
        Optional<TrackingEventProcessor> found = processing.eventProcessor(processingGroup, TrackingEventProcessor.class);
        if (found.isEmpty()) {
            return Health.down().withDetail("processor", "missing").build();
        }
        TrackingEventProcessor processor = found.get();
        if (!processor.isRunning()) {
            return Health.down().withDetail("processor", "stopped").build();
        }
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        Health.Builder health = Health.up();
        long position = -1;
        for (EventTrackerStatus status : segments.values()) {
            if (status.isErrorState()) {
                Throwable error = status.getError();
                health = Health.down().withDetail("error", error == null ? "unknown"
                        : error.getClass().getName() + ": " + error.getMessage());
            }
            TrackingToken token = status.getTrackingToken();
            if (token != null) {
                position = Math.max(position, token.position().orElse(-1));
            }
        }
        long head;
        try {
            TrackingToken headToken = events.createHeadToken();
            head = headToken == null ? -1 : headToken.position().orElse(-1);
        } catch (RuntimeException e) {
            // The processor cannot read the store either: it waits, which is what this says.
            return Health.down().withDetail("segments", segments.size()).withDetail("processedUpTo", position)
                    .withDetail("error", "event store unreachable: " + e.getMessage()).build();
        }
        return health.withDetail("segments", segments.size())
                .withDetail("processedUpTo", position)
                .withDetail("behind", segments.isEmpty() ? 0 : Math.max(0, head - position))
                .build();
    }
}
