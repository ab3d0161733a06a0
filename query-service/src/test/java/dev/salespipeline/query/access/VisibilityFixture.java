package dev.salespipeline.query.access;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.salespipeline.api.Topics;
import dev.salespipeline.testsupport.Infrastructure;

/**
 * What the visibility tests share: a producer that publishes to the metric and alert topics as
 * streams-analytics does, and {@code Last-Event-ID} positions taken before a test writes anything, so that a
 * stream opened with one replays what the test wrote.
 */
final class VisibilityFixture implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    VisibilityFixture() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /** Publishes a record to a metric or alert topic, timestamped now; null value for a tombstone. */
    void publish(String topic, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, null, Instant.now().toEpochMilli(), key, value)).get();
    }

    /**
     * The position at the end of the topics as a stream's {@code Last-Event-ID}: per partition the offset of
     * the last record so far, so that a stream opened with it replays everything published after this call.
     */
    static String positionNow(List<String> topics) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) ->
                    description.partitions().forEach(partition ->
                            latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest())));
            Map<String, Map<Integer, Long>> byTopic = new TreeMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, info) -> byTopic
                    .computeIfAbsent(partition.topic(), topic -> new TreeMap<>())
                    .put(partition.partition(), info.offset() - 1));
            List<String> sections = new ArrayList<>();
            byTopic.forEach((topic, offsets) -> sections.add(shortName(topic) + ":" + offsets.entrySet().stream()
                    .map(offset -> offset.getKey() + "=" + offset.getValue())
                    .collect(Collectors.joining(","))));
            return String.join(";", sections);
        }
    }

    private static String shortName(String topic) {
        if (topic.equals(Topics.PIPELINE_EVENTS)) {
            return "e";
        }
        return topic.startsWith("pipeline.metrics.") ? topic.substring("pipeline.metrics.".length()) : topic;
    }

    @Override
    public void close() {
        producer.close();
    }
}
