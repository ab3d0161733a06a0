package dev.salespipeline.command.speech.table;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

@Configuration
class SpeechDictionaryTableConfiguration {

    /**
     * A table that cannot be updated must fail the dictionary command rather than be logged and skipped (Axon's
     * default): calls must never be checked against dictionaries older than the events.
     */
    @Autowired
    void propagateTableErrors(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(SpeechDictionaryTable.PROCESSING_GROUP,
                configuration -> PropagatingErrorHandler.instance());
    }
}
