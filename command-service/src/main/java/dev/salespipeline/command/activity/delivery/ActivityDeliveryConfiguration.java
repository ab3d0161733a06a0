package dev.salespipeline.command.activity.delivery;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

@Configuration
class ActivityDeliveryConfiguration {

    /**
     * A delivery that fails for a passing reason (the database busy, say) is retried by the tracking
     * processor with back-off, instead of being logged and skipped, which is Axon's default.
     */
    @Autowired
    void retryFailedDeliveries(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(ActivityDelivery.PROCESSING_GROUP,
                configuration -> PropagatingErrorHandler.instance());
    }
}
