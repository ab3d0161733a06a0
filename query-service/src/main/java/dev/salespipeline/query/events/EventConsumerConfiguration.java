package dev.salespipeline.query.events;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import dev.salespipeline.api.Topics;

/**
 * What happens to records the projections cannot apply:
 * <ul>
 * <li>malformed records (not JSON, not an envelope, an invalid payload) go at once to
 * {@value #DEAD_LETTER_TOPIC}, with the exception class and message in the record headers, and the
 * partition moves on;</li>
 * <li>any other failure (MongoDB unreachable, say) is retried with back-off, without end: dropping a
 * valid event would leave the read models wrong for good.</li>
 * </ul>
 */
@Configuration
class EventConsumerConfiguration {

    static final String DEAD_LETTER_TOPIC = Topics.PIPELINE_EVENTS + ".query-service.dlt";

    @Bean
    DefaultErrorHandler pipelineEventErrorHandler(KafkaTemplate<String, String> template) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(DEAD_LETTER_TOPIC, -1));
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(30_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(MalformedEventException.class);
        return handler;
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
