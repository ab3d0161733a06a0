package dev.salespipeline.command.publication;

import org.apache.kafka.clients.admin.NewTopic;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

import dev.salespipeline.api.Topics;

@Configuration
class PublicationConfiguration {

    /**
     * A failed send must stop the publisher rather than be logged and skipped (Axon's default), so
     * that the tracking token never passes an event Kafka has not taken.
     */
    @Autowired
    void propagatePublicationErrors(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(KafkaEventPublisher.PROCESSING_GROUP,
                configuration -> PropagatingErrorHandler.instance());
    }

    /** The event topic keeps everything forever: it is a replayable copy of the event store. */
    @Bean
    NewTopic pipelineEventsTopic(@Value("${pipeline.kafka.partitions:6}") int partitions,
                                 @Value("${pipeline.kafka.replication-factor:1}") short replicationFactor) {
        return TopicBuilder.name(Topics.PIPELINE_EVENTS)
                .partitions(partitions)
                .replicas(replicationFactor)
                .configs(Topics.PIPELINE_EVENTS_CONFIG)
                .build();
    }
}
