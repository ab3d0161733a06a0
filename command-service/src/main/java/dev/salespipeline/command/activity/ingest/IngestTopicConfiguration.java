package dev.salespipeline.command.activity.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import dev.salespipeline.api.Topics;
import dev.salespipeline.command.consumer.ConsumerFailures;
import dev.salespipeline.command.consumer.ConsumerFailures.FailureKind;
import dev.salespipeline.command.consumer.DeadLetters;

/**
 * The ingest topic's consumer, and what happens to reports it cannot record. {@link ConsumerFailures} decides,
 * per failure, whether trying again can help:
 * <ul>
 * <li>if not (not JSON, a field missing or invalid, a time in the future, an unknown deal: {@link RejectedReport};
 * a command the domain refuses: a rule, a policy, a value a record refuses; anything not known to pass), the report
 * goes at once, unchanged, to {@value Topics#ACTIVITY_INGEST_DEAD_LETTERS} with the reason in the
 * {@value Topics#REJECT_REASON_HEADER} and {@value Topics#REJECT_DETAIL_HEADER} headers, the exception and the
 * report's topic, partition and offset in Spring Kafka's {@code kafka_dlt-*} headers, it is counted in
 * {@value DeadLetters#COUNTER}, and the partition moves on;</li>
 * <li>if so (PostgreSQL or Kafka unreachable, a timeout), it is retried with back-off, without end: the report is
 * valid and must not be lost, and later reports wait behind it.</li>
 * </ul>
 * Offsets are committed after a report is recorded (or dead-lettered), so a crash in between records it
 * again, which the activity's derived id makes harmless. A dead letter that cannot be sent fails the recovery,
 * and the report is tried again.
 */
@Configuration
class IngestTopicConfiguration {

    static final String LISTENER_FACTORY = "activityIngestListenerFactory";
    static final String GROUP_ID = "command-service.activity-ingest";
    /** The name of this consumer in the dead-letter count. */
    static final String CONSUMER = "activity-ingest";
    private static final BackOff NO_RETRIES = new FixedBackOff(0, 0);
    private static final int DEAD_LETTER_PARTITIONS = 1;
    private static final String THIRTY_DAYS_MS = String.valueOf(30L * 24 * 60 * 60 * 1000);

    @Bean
    ActivityReports activityReports(Clock clock) {
        return new ActivityReports(clock);
    }

    @Bean
    DeadLetterProducer ingestDeadLetterProducer(KafkaProperties kafka) {
        return new DeadLetterProducer(kafka);
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<byte[], byte[]> activityIngestListenerFactory(
            KafkaProperties kafka, DeadLetterProducer deadLetters, DeadLetters counter,
            @Value("${pipeline.ingest.consumers:1}") int consumers) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);

        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(deadLetters.template(),
                (record, exception) -> new TopicPartition(Topics.ACTIVITY_INGEST_DEAD_LETTERS, -1));
        // Without the stack trace (kilobytes, and the class and message say what it does), the dead letter of a
        // report near the size limit still fits in a record.
        publisher.excludeHeader(DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_STACKTRACE);
        // Spring Kafka adds its kafka_dlt-exception-* and kafka_dlt-original-* headers; these come on top.
        publisher.setHeadersFunction((record, exception) -> {
            Throwable cause = ConsumerFailures.decisiveCause(exception);
            RecordHeaders headers = new RecordHeaders();
            headers.add(Topics.REJECT_REASON_HEADER, bytes(ConsumerFailures.reason(exception)));
            headers.add(Topics.REJECT_DETAIL_HEADER, bytes(String.valueOf(cause.getMessage())));
            return headers;
        });
        ConsumerAwareRecordRecoverer recoverer = (record, consumer, exception) -> {
            publisher.accept(record, consumer, exception);
            counter.count(CONSUMER, Topics.ACTIVITY_INGEST_DEAD_LETTERS, exception);
        };
        ExponentialBackOff retryForever = new ExponentialBackOff(200, 2.0);
        retryForever.setMaxInterval(30_000);
        DefaultErrorHandler errorHandler = new DefaultErrorHandler(recoverer, retryForever);
        // ConsumerFailures alone decides, for this listener and the event processors alike.
        errorHandler.setClassifications(Map.of(), true);
        errorHandler.setBackOffFunction((record, exception) ->
                ConsumerFailures.classify(exception) == FailureKind.PERMANENT ? NO_RETRIES : retryForever);

        ConcurrentKafkaListenerContainerFactory<byte[], byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config));
        factory.setCommonErrorHandler(errorHandler);
        factory.setConcurrency(consumers);
        return factory;
    }

    @Bean
    NewTopic activityIngestTopic(@Value("${pipeline.ingest.partitions:" + Topics.ACTIVITY_INGEST_DEFAULT_PARTITIONS + "}")
                                 int partitions,
                                 @Value("${pipeline.kafka.replication-factor:1}") short replicationFactor) {
        return TopicBuilder.name(Topics.ACTIVITY_INGEST).partitions(partitions).replicas(replicationFactor).build();
    }

    @Bean
    NewTopic activityIngestDeadLetterTopic(@Value("${pipeline.kafka.replication-factor:1}") short replicationFactor) {
        return TopicBuilder.name(Topics.ACTIVITY_INGEST_DEAD_LETTERS)
                .partitions(DEAD_LETTER_PARTITIONS)
                .replicas(replicationFactor)
                .config("retention.ms", THIRTY_DAYS_MS)
                .build();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A producer of raw bytes for dead letters, so a report is forwarded exactly as it came. Not exposed as a
     * {@code ProducerFactory} or {@code KafkaTemplate} bean, which would replace the ones Spring Boot
     * configures for the event publisher.
     */
    static final class DeadLetterProducer implements DisposableBean {

        private final DefaultKafkaProducerFactory<byte[], byte[]> factory;
        private final KafkaTemplate<byte[], byte[]> template;

        DeadLetterProducer(KafkaProperties kafka) {
            Map<String, Object> config = kafka.buildProducerProperties();
            config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "command-service-ingest-dead-letters");
            this.factory = new DefaultKafkaProducerFactory<>(config);
            this.template = new KafkaTemplate<>(factory);
        }

        KafkaTemplate<byte[], byte[]> template() {
            return template;
        }

        @Override
        public void destroy() {
            factory.destroy();
        }
    }
}
