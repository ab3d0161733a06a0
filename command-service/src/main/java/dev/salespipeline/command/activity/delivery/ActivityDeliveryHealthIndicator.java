package dev.salespipeline.command.activity.delivery;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import dev.salespipeline.command.consumer.TrackingProcessorHealth;

/**
 * DOWN while the activity delivery retries a failure that waits for a server (PostgreSQL away, say), so that a
 * delivery stuck behind it shows; refused deliveries are dead-lettered and do not make it DOWN.
 */
@Component("activityDeliveryHealthIndicator")
class ActivityDeliveryHealthIndicator extends TrackingProcessorHealth {

    ActivityDeliveryHealthIndicator(EventProcessingConfiguration processing, EventStore events) {
        super(ActivityDelivery.PROCESSING_GROUP, processing, events);
    }
}
