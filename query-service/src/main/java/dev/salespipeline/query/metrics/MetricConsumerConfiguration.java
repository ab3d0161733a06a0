package dev.salespipeline.query.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

import dev.salespipeline.api.Topics;
import dev.salespipeline.kafka.ConsumerWatch;
import dev.salespipeline.kafka.spring.DeadLetteringErrorHandler;
import dev.salespipeline.query.consumer.ConsumerFailures;

/**
 * The consumers of what streams-analytics publishes, metrics and alerts: a listener container factory
 * of their own, so that their failures go to dead-letter topics of their own, {@value #DEAD_LETTER_TOPIC}
 * for metric records and {@value #ALERTS_DEAD_LETTER_TOPIC} for alert records, and never mix with those
 * of the event topic. As there ({@link ConsumerFailures}): records that cannot be read or stored are dead-lettered at
 * once with the reason in the headers, failures that pass are retried with back-off, without end.
 */
@Configuration
class MetricConsumerConfiguration {

    static final String DEAD_LETTER_TOPIC = "pipeline.metrics.query-service.dlt";
    static final String ALERTS_DEAD_LETTER_TOPIC = "pipeline.alerts.query-service.dlt";

    /** As streams-analytics creates them (alert topics too); whichever service starts first creates the topics. */
    static final int METRIC_TOPIC_PARTITIONS = 6;

    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> metricListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            ConsumerFactory<Object, Object> consumerFactory,
            KafkaTemplate<String, String> template, ConsumerFailures failures, ConsumerWatch watch) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumerFactory);
        factory.setCommonErrorHandler(DeadLetteringErrorHandler.create(template,
                record -> Topics.ALERT_TOPICS.contains(record.topic()) ? ALERTS_DEAD_LETTER_TOPIC : DEAD_LETTER_TOPIC,
                failures, watch));
        return factory;
    }

    /** Created here too, with the same settings, so that this service does not depend on start order. */
    @Bean
    KafkaAdmin.NewTopics metricTopics(@Value("${pipeline.kafka.replication-factor}") short replicationFactor) {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : MetricTopics.topics()) {
            topics.add(TopicBuilder.name(topic)
                    .partitions(METRIC_TOPIC_PARTITIONS)
                    .replicas(replicationFactor)
                    .configs(Map.of("cleanup.policy", "compact"))
                    .build());
        }
        for (String topic : Topics.ALERT_TOPICS) {
            topics.add(TopicBuilder.name(topic)
                    .partitions(METRIC_TOPIC_PARTITIONS)
                    .replicas(replicationFactor)
                    .configs(Map.of("cleanup.policy", "compact"))
                    .build());
        }
        topics.add(TopicBuilder.name(DEAD_LETTER_TOPIC).partitions(1).replicas(replicationFactor).build());
        topics.add(TopicBuilder.name(ALERTS_DEAD_LETTER_TOPIC).partitions(1).replicas(replicationFactor).build());
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }
}
