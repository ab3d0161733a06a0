package dev.salespipeline.command.pipeline.catalog;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

@Configuration
class PipelineCatalogConfiguration {

    /**
     * A catalog that cannot be updated must fail the pipeline command rather than be logged and skipped
     * (Axon's default): deals are checked against the catalog, so it must never fall behind the events.
     */
    @Autowired
    void propagateCatalogErrors(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(JdbcPipelineCatalog.PROCESSING_GROUP,
                configuration -> PropagatingErrorHandler.instance());
    }
}
