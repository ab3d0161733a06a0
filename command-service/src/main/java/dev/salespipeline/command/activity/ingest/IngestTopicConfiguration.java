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
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import dev.salespipeline.api.Topics;

/**
 * The ingest topic's consumer, and what happens to reports it cannot record:
 * <ul>
 * <li>a rejected report (not JSON, a field missing or invalid, a time in the future, an unknown deal:
 * {@link RejectedReport}) goes at once, unchanged, to {@value Topics#ACTIVITY_INGEST_DEAD_LETTERS} with
 * the reason in the {@value Topics#REJECT_REASON_HEADER} and {@value Topics#REJECT_DETAIL_HEADER} headers,
 * and the partition moves on;</li>
 * <li>any other failure (the event store unreachable, say) is retried with back-off, without end: the
 * report is valid and must not be lost, and later reports wait behind it.</li>
 * </ul>
 * Offsets are committed after a report is recorded (or dead-lettered), so a crash in between records it
 * again, which the activity's derived id makes harmless.
 */
@Configuration
class IngestTopicConfiguration {

    static final String LISTENER_FACTORY = "activityIngestListenerFactory";
    static final String GROUP_ID = "command-service.activity-ingest";
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
            KafkaProperties kafka, DeadLetterProducer deadLetters,
            @Value("${pipeline.ingest.consumers:1}") int consumers) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);

        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetters.template(),
                (record, exception) -> new TopicPartition(Topics.ACTIVITY_INGEST_DEAD_LETTERS, -1));
        recoverer.setHeadersFunction((record, exception) -> {
            RejectedReport rejected = rejection(exception);
            RecordHeaders headers = new RecordHeaders();
            headers.add(Topics.REJECT_REASON_HEADER, bytes(rejected == null ? "unprocessable" : rejected.reason()));
            headers.add(Topics.REJECT_DETAIL_HEADER,
                    bytes(rejected == null ? String.valueOf(exception.getMessage()) : rejected.getMessage()));
            return headers;
        });
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(30_000);
        DefaultErrorHandler errorHandler = new DefaultErrorHandler(recoverer, backOff);
        errorHandler.addNotRetryableExceptions(RejectedReport.class);

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

    private static RejectedReport rejection(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof RejectedReport rejected) {
                return rejected;
            }
        }
        return null;
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
