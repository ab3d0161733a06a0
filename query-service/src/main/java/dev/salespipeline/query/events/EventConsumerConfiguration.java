package dev.salespipeline.query.events;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;

import dev.salespipeline.api.Topics;
import dev.salespipeline.kafka.ConsumerWatch;
import dev.salespipeline.kafka.spring.DeadLetteringErrorHandler;
import dev.salespipeline.query.consumer.ConsumerFailures;

/**
 * What happens to records the projections cannot apply, as {@link ConsumerFailures} classifies them: a record that
 * cannot be read or stored goes at once to {@value #DEAD_LETTER_TOPIC}, with the reason, the exception class and the
 * original topic, partition and offset in the record headers, and the partition moves on; a failure that passes
 * (MongoDB unreachable, say) is retried with back-off, without end: dropping a valid event would leave the read
 * models wrong for good.
 */
@Configuration
class EventConsumerConfiguration {

    static final String DEAD_LETTER_TOPIC = Topics.PIPELINE_EVENTS + ".query-service.dlt";

    @Bean
    DefaultErrorHandler pipelineEventErrorHandler(KafkaTemplate<String, String> template, ConsumerFailures failures,
                                                  ConsumerWatch watch) {
        return DeadLetteringErrorHandler.create(template, record -> DEAD_LETTER_TOPIC, failures, watch);
    }

    /** Created here too, with the same settings, so that this service does not depend on start order. */
    @Bean
    NewTopic pipelineEventsTopic(@Value("${pipeline.kafka.partitions}") int partitions,
                                 @Value("${pipeline.kafka.replication-factor}") short replicationFactor) {
        return TopicBuilder.name(Topics.PIPELINE_EVENTS)
                .partitions(partitions)
                .replicas(replicationFactor)
                .configs(Topics.PIPELINE_EVENTS_CONFIG)
                .build();
    }

    @Bean
    NewTopic queryServiceDeadLetterTopic(@Value("${pipeline.kafka.replication-factor}") short replicationFactor) {
        return TopicBuilder.name(DEAD_LETTER_TOPIC).partitions(1).replicas(replicationFactor).build();
    }
}
