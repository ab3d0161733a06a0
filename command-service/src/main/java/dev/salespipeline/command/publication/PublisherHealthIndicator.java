package dev.salespipeline.command.publication;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
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

    PublisherHealthIndicator(EventProcessingConfiguration processing, EventStore events) {
        super(KafkaEventPublisher.PROCESSING_GROUP, processing, events);
    }
}
