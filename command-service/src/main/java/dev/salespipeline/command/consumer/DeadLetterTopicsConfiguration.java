package dev.salespipeline.command.consumer;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

import dev.salespipeline.api.Topics;

/**
 * The dead-letter topics of command-service's event processors: one partition (dead letters are few, and read in
 * the order they came), kept for 30 days like the ingest topic's.
 */
@Configuration
class DeadLetterTopicsConfiguration {

    static final String THIRTY_DAYS_MS = String.valueOf(30L * 24 * 60 * 60 * 1000);

    @Bean
    NewTopic activityDeliveryDeadLetterTopic(@Value("${pipeline.kafka.replication-factor:1}") short replicationFactor) {
        return deadLetterTopic(Topics.ACTIVITY_DELIVERY_DEAD_LETTERS, replicationFactor);
    }

    @Bean
    NewTopic publisherDeadLetterTopic(@Value("${pipeline.kafka.replication-factor:1}") short replicationFactor) {
        return deadLetterTopic(Topics.PUBLISHER_DEAD_LETTERS, replicationFactor);
    }

    private static NewTopic deadLetterTopic(String name, short replicationFactor) {
        return TopicBuilder.name(name).partitions(1).replicas(replicationFactor)
                .config("retention.ms", THIRTY_DAYS_MS).build();
    }
}
