package dev.salespipeline.command.target.table;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

@Configuration
class SalesTargetTableConfiguration {

    /**
     * A table that cannot be updated must fail the target command rather than be logged and skipped
     * (Axon's default): the list of current targets must never fall behind the events.
     */
    @Autowired
    void propagateTableErrors(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(SalesTargetTable.PROCESSING_GROUP,
                configuration -> PropagatingErrorHandler.instance());
    }
}
