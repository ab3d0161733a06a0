package dev.salespipeline.analytics.app;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.Topics;

/**
 * Owns the {@link KafkaStreams} instance: configures it, starts it with the application context and
 * closes it on shutdown.
 *
 * <p>Records that cannot be deserialized or processed are logged, written to
 * {@value #DEAD_LETTER_TOPIC} with the reason in the record headers, and skipped.
 */
@Component
public class AnalyticsStreams implements SmartLifecycle {

    public static final String DEAD_LETTER_TOPIC = Topics.PIPELINE_EVENTS + ".streams-analytics.dlt";

    /** Partitions of every metric and alert topic, as query-service creates them too. */
    static final int OUTPUT_TOPIC_PARTITIONS = 6;

    private static final Logger log = LoggerFactory.getLogger(AnalyticsStreams.class);

    private final Properties config = new Properties();
    private final short replicationFactor;
    private final int eventTopicPartitions;
    private final CompanyPeriods periods;
    private final Duration stalledDealsScanInterval;
    private final long successfulCallSeconds;
    private volatile KafkaStreams streams;

    AnalyticsStreams(@Value("${pipeline.streams.bootstrap-servers}") String bootstrapServers,
                     @Value("${pipeline.streams.application-id}") String applicationId,
                     @Value("${pipeline.streams.state-dir}") String stateDir,
                     @Value("${pipeline.streams.processing-guarantee}") String processingGuarantee,
                     @Value("${pipeline.streams.replication-factor}") short replicationFactor,
                     @Value("${pipeline.streams.threads}") int threads,
                     @Value("${pipeline.streams.event-topic-partitions}") int eventTopicPartitions,
                     @Value("${pipeline.company.time-zone:UTC}") String companyTimeZone,
                     @Value("${pipeline.alerts.stalled-deals.scan-interval:PT1M}") Duration stalledDealsScanInterval,
                     @Value("${pipeline.analytics.successful-call-threshold:40}") long successfulCallSeconds) {
        this.replicationFactor = replicationFactor;
        this.periods = new CompanyPeriods(ZoneId.of(companyTimeZone));
        this.eventTopicPartitions = eventTopicPartitions;
        this.stalledDealsScanInterval = stalledDealsScanInterval;
        this.successfulCallSeconds = successfulCallSeconds;
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor);
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueProcessingExceptionHandler.class);
        config.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, DEAD_LETTER_TOPIC);
    }

    @Override
    public void start() {
        createOutputTopics();
        KafkaStreams instance = new KafkaStreams(AnalyticsTopology.build(periods, stalledDealsScanInterval,
                successfulCallSeconds), config);
        instance.setUncaughtExceptionHandler(exception -> {
            log.error("Stream thread failed; replacing it", exception);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        instance.start();
        streams = instance;
    }

    /**
     * Topics are created on purpose, never on demand: the event topic (if this service starts before the
     * command side), the metric and alert topics and the dead-letter topic.
     */
    private void createOutputTopics() {
        Properties adminConfig = new Properties();
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        try (AdminClient admin = AdminClient.create(adminConfig)) {
            List<NewTopic> topics = new ArrayList<>();
            topics.add(new NewTopic(Topics.PIPELINE_EVENTS, eventTopicPartitions, replicationFactor)
                    .configs(Topics.PIPELINE_EVENTS_CONFIG));
            List<String> compacted = new ArrayList<>(Topics.METRICS_TOPICS);
            compacted.addAll(Topics.ALERT_TOPICS);
            for (String name : compacted) {
                topics.add(new NewTopic(name, OUTPUT_TOPIC_PARTITIONS, replicationFactor)
                        .configs(Map.of("cleanup.policy", "compact")));
            }
            topics.add(new NewTopic(DEAD_LETTER_TOPIC, 1, replicationFactor));
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic.name(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    @Override
    public void stop() {
        KafkaStreams instance = streams;
        if (instance != null) {
            instance.close(Duration.ofSeconds(30));
        }
    }

    @Override
    public boolean isRunning() {
        KafkaStreams instance = streams;
        return instance != null && instance.state().isRunningOrRebalancing();
    }

    /** Periods in the company's time zone, as the topologies cut them. */
    CompanyPeriods periods() {
        return periods;
    }

    /** A copy of the Kafka Streams configuration this instance runs with. */
    Properties config() {
        Properties copy = new Properties();
        copy.putAll(config);
        return copy;
    }

    public KafkaStreams.State state() {
        KafkaStreams instance = streams;
        return instance == null ? KafkaStreams.State.CREATED : instance.state();
    }

    public <V> ReadOnlyKeyValueStore<String, V> keyValueStore(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }
}
