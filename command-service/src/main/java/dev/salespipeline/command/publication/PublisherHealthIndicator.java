package dev.salespipeline.command.publication;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import dev.salespipeline.command.consumer.TrackingProcessorHealth;

/**
 * The Kafka publisher is healthy while it runs without error. When Kafka cannot take events, its
 * tracking processor retries in error mode and this indicator reports DOWN with the error; events
 * wait in the store and go out once Kafka is back. {@code behind} counts how many positions of the
 * event store are not yet published (on this instance's segments).
 */
@Component("kafkaPublisherHealthIndicator")
class PublisherHealthIndicator extends TrackingProcessorHealth {

    private final Republication republication;

    PublisherHealthIndicator(EventProcessingConfiguration processing, EventStore events, Republication republication) {
        super(KafkaEventPublisher.PROCESSING_GROUP, processing, events);
        this.republication = republication;
    }

    /**
     * Stopped for a republication, the publisher is UP: every instance stops its publisher on purpose until the
     * tokens are reset, and the republication is abandoned if that takes longer than its time-out, so the stop is
     * short and bounded; reporting it DOWN would take every instance out of service at once.
     */
    @Override
    public Health health() {
        Long republishing = republication.pausedFor();
        if (republishing != null) {
            return Health.up().withDetail("processor", "stopped for republication " + republishing).build();
        }
        return super.health();
    }
}
