package dev.salespipeline.command.activity.directory;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

@Configuration
class DealDirectoryConfiguration {

    /** A directory that cannot be updated fails the deal's command instead of falling behind the events. */
    @Autowired
    void propagateDirectoryErrors(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(DealDirectory.PROCESSING_GROUP,
                configuration -> PropagatingErrorHandler.instance());
    }
}
