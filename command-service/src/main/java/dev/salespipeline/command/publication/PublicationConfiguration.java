package dev.salespipeline.command.publication;

import org.apache.kafka.clients.admin.NewTopic;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

import dev.salespipeline.api.Topics;
import dev.salespipeline.command.consumer.DeadLetteringErrorHandler;
import dev.salespipeline.command.consumer.DeadLetters;

@Configuration
class PublicationConfiguration {

    /**
     * An event the publisher cannot turn into an envelope (a defect: every stored event should publish) goes to
     * {@value Topics#PUBLISHER_DEAD_LETTERS} rather than stop the publisher for good; a passing failure
     * propagates, so the token never passes an event Kafka has not taken. (A failed send fails the batch when it
     * commits, past this handler: {@link KafkaEventPublisher} judges those.)
     */
    @Autowired
    void handlePublicationErrors(EventProcessingConfigurer processing, DeadLetters deadLetters) {
        processing.registerListenerInvocationErrorHandler(KafkaEventPublisher.PROCESSING_GROUP,
                configuration -> new DeadLetteringErrorHandler(KafkaEventPublisher.CONSUMER,
                        Topics.PUBLISHER_DEAD_LETTERS, deadLetters, false));
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
