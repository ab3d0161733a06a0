package dev.salespipeline.analytics.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.StreamsConfig;

import dev.salespipeline.api.Topics;

/**
 * The Kafka Streams configuration and the topics of the analytics application, without the application
 * around them: {@link AnalyticsStreams} runs with these, and so can anything else that runs
 * {@link AnalyticsTopology} (the benchmark does, on a broker of its own).
 */
public final class StreamsSettings {

    /** Where records that cannot be deserialized or processed go, with the reason in the record headers. */
    public static final String DEAD_LETTER_TOPIC = Topics.PIPELINE_EVENTS + ".streams-analytics.dlt";

    /** Partitions of every metric and alert topic, as query-service creates them too. */
    public static final int OUTPUT_TOPIC_PARTITIONS = 6;

    /**
     * How often the stream thread commits: with exactly-once, records on repartition and metric topics become
     * readable at a commit, and every hop of the topology waits for one, so this bounds the live lag from
     * below. The record caches are flushed at each commit too, so a longer interval folds more updates of a
     * busy row into one record. The exactly-once default of 100 ms makes a commit span every task about ten
     * times a second, whatever the load.
     */
    public static final long COMMIT_INTERVAL_MS = 100;

    /**
     * Record caches of all stores of one instance together: a cached store writes its changelog and forwards
     * (for the tables) once per key and commit instead of once per update. Sized for the rows that a commit
     * interval of a replay touches; taken from the heap.
     */
    public static final long CACHE_MAX_BYTES = 32L * 1024 * 1024;

    /**
     * Producer batches per partition. The metric and internal records of one commit go to few partitions, so
     * larger batches mean fewer requests; exactly-once flushes them at every commit anyway.
     */
    public static final int PRODUCER_BATCH_BYTES = 128 * 1024;

    /**
     * How long the producer waits to fill a batch: Kafka Streams' own default, stated here. A commit flushes
     * whatever is waiting, so it adds nothing to the lag of exactly-once records beyond the commit interval.
     */
    public static final int PRODUCER_LINGER_MS = 100;

    /**
     * Compression of what the application writes. None: the broker is local or on the same network and the
     * replay is bound by CPU, not by bytes; compressing would spend CPU in the producer and in the broker,
     * which decompresses every batch of a compacted topic to check its keys. Worth measuring again where the
     * network is the limit.
     */
    public static final String PRODUCER_COMPRESSION = "none";

    private StreamsSettings() {
    }

    /**
     * The Kafka Streams configuration: records that cannot be read, processed or written are logged, written to
     * {@value #DEAD_LETTER_TOPIC} and skipped, as {@link DeadLetterHandler} classifies them.
     */
    public static Properties config(String bootstrapServers, String applicationId, String stateDir,
                                    String processingGuarantee, int replicationFactor, int threads) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        config.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        config.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, DEAD_LETTER_TOPIC);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, CACHE_MAX_BYTES);
        config.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDbConfig.class);
        config.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), PRODUCER_BATCH_BYTES);
        config.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), PRODUCER_LINGER_MS);
        config.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), PRODUCER_COMPRESSION);
        return config;
    }

    /**
     * The topics the application needs: the event topic (in case this service starts before the command side),
     * every metric and alert topic (compacted) and the dead-letter topic.
     */
    public static List<NewTopic> topics(int eventTopicPartitions, short replicationFactor) {
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
        return topics;
    }

    /**
     * Creates the {@linkplain #topics topics} that do not exist yet, one at a time: topics are created on purpose,
     * never on demand.
     */
    public static void createTopics(String bootstrapServers, int eventTopicPartitions, short replicationFactor) {
        Properties adminConfig = new Properties();
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(adminConfig)) {
            for (NewTopic topic : topics(eventTopicPartitions, replicationFactor)) {
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
}
