package dev.salespipeline.command.spend.table;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

@Configuration
class MarketingSpendTableConfiguration {

    /**
     * A table that cannot be updated must fail the spend command rather than be logged and skipped (Axon's
     * default): the list of current spend must never fall behind the events.
     */
    @Autowired
    void propagateTableErrors(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(MarketingSpendTable.PROCESSING_GROUP,
                configuration -> PropagatingErrorHandler.instance());
    }
}
