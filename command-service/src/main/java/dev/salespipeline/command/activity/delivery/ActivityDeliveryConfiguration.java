package dev.salespipeline.command.activity.delivery;

import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

import dev.salespipeline.api.Topics;
import dev.salespipeline.command.consumer.DeadLetteringErrorHandler;
import dev.salespipeline.command.consumer.DeadLetters;

@Configuration
class ActivityDeliveryConfiguration {

    /** The name of the delivery in dead letters and their count. */
    static final String CONSUMER = "activity-delivery";

    /**
     * A delivery that fails for a passing reason (the database unreachable, say) is retried by the tracking
     * processor with back-off, instead of being logged and skipped, which is Axon's default; one the deal refuses
     * for good goes to {@value Topics#ACTIVITY_DELIVERY_DEAD_LETTERS} and later deliveries go on.
     */
    @Autowired
    void handleFailedDeliveries(EventProcessingConfigurer processing, DeadLetters deadLetters) {
        processing.registerListenerInvocationErrorHandler(ActivityDelivery.PROCESSING_GROUP,
                configuration -> new DeadLetteringErrorHandler(CONSUMER, Topics.ACTIVITY_DELIVERY_DEAD_LETTERS,
                        deadLetters, true));
    }
}
