package dev.salespipeline.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.salespipeline.api.Topics;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the opened-deals metric from the end of its topic, read committed as a dashboard reads it, to time how soon a
 * new deal is counted.
 */
final class OpenedDealsWatch implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(5);

    private final KafkaConsumer<String, String> consumer;
    private final JsonMapper json;

    private OpenedDealsWatch(KafkaConsumer<String, String> consumer, JsonMapper json) {
        this.consumer = consumer;
        this.json = json;
    }

    /** Starts at the topic's current end: only values written from now on are seen. */
    static OpenedDealsWatch fromEnd(String bootstrapServers, JsonMapper json) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.METRICS_OPENED_DEALS).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return new OpenedDealsWatch(consumer, json);
    }

    /**
     * Waits until the pipeline's opened-deals count reaches {@code expected}.
     *
     * @return {@link System#nanoTime()} when the poll that showed it came back, or -1 once {@code deadlineNanos}
     *         (a {@link System#nanoTime()}) has passed
     */
    long awaitCount(String pipelineId, long expected, long deadlineNanos) {
        while (System.nanoTime() <= deadlineNanos) {
            ConsumerRecords<String, String> records = consumer.poll(POLL);
            long polled = System.nanoTime();
            for (ConsumerRecord<String, String> metric : records) {
                if (pipelineId.equals(metric.key()) && metric.value() != null
                        && json.readTree(metric.value()).path("dealsOpened").asLong() >= expected) {
                    return polled;
                }
            }
        }
        return -1;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
