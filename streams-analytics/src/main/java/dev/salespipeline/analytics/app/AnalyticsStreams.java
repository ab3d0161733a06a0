package dev.salespipeline.analytics.app;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.salespipeline.analytics.time.CompanyPeriods;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;

/**
 * Owns the {@link KafkaStreams} instance: configures it, starts it with the application context and
 * closes it on shutdown.
 *
 * <p>Records that cannot be read, processed or written are logged, written to
 * {@value #DEAD_LETTER_TOPIC} with the reason in the record headers, counted, and skipped
 * ({@link DeadLetterHandler}). The Kafka Streams client metrics (consumer lag, commit and process rates,
 * thread states) are bound to the application's {@link MeterRegistry}, so {@code /actuator/prometheus} shows
 * them beside the dead-letter counter.
 */
@Component
public class AnalyticsStreams implements SmartLifecycle {

    public static final String DEAD_LETTER_TOPIC = StreamsSettings.DEAD_LETTER_TOPIC;

    /** Partitions of every metric and alert topic, as query-service creates them too. */
    static final int OUTPUT_TOPIC_PARTITIONS = StreamsSettings.OUTPUT_TOPIC_PARTITIONS;

    private static final Logger log = LoggerFactory.getLogger(AnalyticsStreams.class);

    private final Properties config = new Properties();
    private final short replicationFactor;
    private final int eventTopicPartitions;
    private final CompanyPeriods periods;
    private final Duration stalledDealsScanInterval;
    private final long successfulCallSeconds;
    private final MeterRegistry meterRegistry;
    private volatile KafkaStreams streams;
    private volatile KafkaStreamsMetrics streamsMetrics;

    AnalyticsStreams(@Value("${pipeline.streams.bootstrap-servers}") String bootstrapServers,
                     @Value("${pipeline.streams.application-id}") String applicationId,
                     @Value("${pipeline.streams.state-dir}") String stateDir,
                     @Value("${pipeline.streams.processing-guarantee}") String processingGuarantee,
                     @Value("${pipeline.streams.replication-factor}") short replicationFactor,
                     @Value("${pipeline.streams.threads}") int threads,
                     @Value("${pipeline.streams.event-topic-partitions}") int eventTopicPartitions,
                     @Value("${pipeline.company.time-zone:UTC}") String companyTimeZone,
                     @Value("${pipeline.alerts.stalled-deals.scan-interval:PT1M}") Duration stalledDealsScanInterval,
                     @Value("${pipeline.analytics.successful-call-threshold:40}") long successfulCallSeconds,
                     MeterRegistry meterRegistry) {
        this.replicationFactor = replicationFactor;
        this.periods = new CompanyPeriods(ZoneId.of(companyTimeZone));
        this.eventTopicPartitions = eventTopicPartitions;
        this.stalledDealsScanInterval = stalledDealsScanInterval;
        this.successfulCallSeconds = successfulCallSeconds;
        this.meterRegistry = meterRegistry;
        config.putAll(StreamsSettings.config(bootstrapServers, applicationId, stateDir, processingGuarantee,
                replicationFactor, threads));
        config.put(DeadLetterHandler.METER_REGISTRY_CONFIG, meterRegistry);
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
        KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(instance);
        metrics.bindTo(meterRegistry);
        streamsMetrics = metrics;
        instance.start();
        streams = instance;
    }

    private void createOutputTopics() {
        StreamsSettings.createTopics(config.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG), eventTopicPartitions,
                replicationFactor);
    }

    @Override
    public void stop() {
        KafkaStreams instance = streams;
        if (instance != null) {
            instance.close(Duration.ofSeconds(30));
        }
        KafkaStreamsMetrics metrics = streamsMetrics;
        if (metrics != null) {
            metrics.close();
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

    /** The input partitions of the tasks this instance runs now, for the consumer watch. */
    Collection<TopicPartition> inputPartitions() {
        KafkaStreams instance = streams;
        if (instance == null || !instance.state().isRunningOrRebalancing()) {
            return List.of();
        }
        List<TopicPartition> partitions = new ArrayList<>();
        instance.metadataForLocalThreads().forEach(thread -> thread.activeTasks()
                .forEach(task -> partitions.addAll(task.topicPartitions())));
        return partitions;
    }

    String applicationId() {
        return config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    }

    public KafkaStreams.State state() {
        KafkaStreams instance = streams;
        return instance == null ? KafkaStreams.State.CREATED : instance.state();
    }

    public <V> ReadOnlyKeyValueStore<String, V> keyValueStore(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }
}
