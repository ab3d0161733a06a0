package dev.salespipeline.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.salespipeline.api.envelope.EventEnvelope;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads every partition of an event topic on a thread of its own and notes when each record arrived, from the end of
 * the topic as it was when the reader was opened. No consumer group: nothing is committed and no other consumer is
 * affected.
 *
 * <p>A record's arrival time is {@link System#nanoTime()} when the poll that returned it came back, so that it can be
 * compared with times taken on other threads of this JVM; the wall-clock time is noted too, to compare with the
 * record's CreateTime, which the producer took from the same clock when the stack runs on this machine.
 */
final class TopicReader implements AutoCloseable {

    private static final TypeReference<EventEnvelope<JsonNode>> ENVELOPE = new TypeReference<>() { };
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<String, byte[]> consumer;
    private final JsonMapper json;
    private final Thread thread;
    private volatile boolean running = true;

    // guarded by this
    private final List<Arrival> arrivals = new ArrayList<>();
    private final Map<EventKey, Arrival> firstArrivals = new HashMap<>();
    private long unreadable;
    private RuntimeException failure;

    private TopicReader(KafkaConsumer<String, byte[]> consumer, JsonMapper json) {
        this.consumer = consumer;
        this.json = json;
        this.thread = new Thread(this::run, "topic-reader");
        this.thread.setDaemon(true);
    }

    /** Starts reading the topic at its current end: only records written from now on are seen. */
    static TopicReader fromEnd(String bootstrapServers, String topic, JsonMapper json) {
        KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers);
        try {
            List<TopicPartition> partitions = assignAll(consumer, topic);
            consumer.seekToEnd(partitions);
            // seekToEnd is lazy: look the offsets up now, before anything is written that should be seen
            partitions.forEach(consumer::position);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        TopicReader reader = new TopicReader(consumer, json);
        reader.thread.start();
        return reader;
    }

    /**
     * What the topic holds, read from its beginning up to its end as it is now: how many different events (by event
     * id) and the highest store position among them. Records that are not envelopes are not counted.
     */
    static Contents contents(String bootstrapServers, String topic, JsonMapper json, Duration timeout) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers)) {
            List<TopicPartition> partitions = assignAll(consumer, topic);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            consumer.seekToBeginning(partitions);
            Set<String> ids = new HashSet<>();
            long lastPosition = -1;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    JsonNode envelope = tree(json, record.value());
                    JsonNode id = envelope == null ? null : envelope.get("eventId");
                    if (id != null && id.isString()) {
                        ids.add(id.asString());
                        lastPosition = Math.max(lastPosition, envelope.path("globalSequence").asLong(-1));
                    }
                }
            }
            return new Contents(ids.size(), lastPosition);
        }
    }

    /** How many records have arrived so far. */
    synchronized int size() {
        return arrivals.size();
    }

    /** The records that arrived after the first {@code from}, in order of arrival. */
    synchronized List<Arrival> arrivals(int from) {
        return List.copyOf(arrivals.subList(Math.min(from, arrivals.size()), arrivals.size()));
    }

    /** The first arrival of an aggregate's event, or null if it has not arrived. */
    synchronized Arrival firstArrival(EventKey key) {
        return firstArrivals.get(key);
    }

    /** How many records could not be read as an envelope. */
    synchronized long unreadable() {
        return unreadable;
    }

    /**
     * Waits until the condition holds, checking it each time records have arrived.
     *
     * @return whether it held before the timeout
     * @throws IllegalStateException if reading the topic failed
     */
    synchronized boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (failure != null) {
                throw new IllegalStateException("reading the topic failed: " + failure.getMessage(), failure);
            }
            if (condition.getAsBoolean()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Stops reading and waits (a few seconds at most) for the consumer to be closed. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                long received = System.nanoTime();
                if (!records.isEmpty()) {
                    take(records, received, Instant.now());
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            synchronized (this) {
                failure = e;
                notifyAll();
            }
        } finally {
            consumer.close();
        }
    }

    private void take(ConsumerRecords<String, byte[]> records, long received, Instant receivedAt) {
        List<Arrival> batch = new ArrayList<>(records.count());
        long failed = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            EventEnvelope<JsonNode> envelope;
            try {
                envelope = record.value() == null ? null : json.readValue(record.value(), ENVELOPE);
            } catch (JacksonException e) {
                envelope = null;
            }
            if (envelope == null) {
                failed++;
                continue;
            }
            long createTime = record.timestampType() == TimestampType.CREATE_TIME ? record.timestamp() : -1;
            EventKey key = new EventKey(envelope.aggregateId(), envelope.aggregateSequence());
            batch.add(new Arrival(envelope.eventId(), key, envelope.globalSequence(), envelope.recordedAt(),
                    createTime, received, receivedAt));
        }
        synchronized (this) {
            for (Arrival arrival : batch) {
                arrivals.add(arrival);
                firstArrivals.putIfAbsent(arrival.key(), arrival);
            }
            unreadable += failed;
            notifyAll();
        }
    }

    private static JsonNode tree(JsonMapper json, byte[] value) {
        try {
            return value == null ? null : json.readTree(value);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "publication-benchmark");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(properties);
    }

    private static List<TopicPartition> assignAll(KafkaConsumer<String, byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist (is command-service running?)");
        }
        List<TopicPartition> partitions = infos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        return partitions;
    }

    /**
     * What a topic holds.
     *
     * @param events       how many different events
     * @param lastPosition the highest store position ({@link EventEnvelope#globalSequence()}) among them, or -1
     */
    record Contents(long events, long lastPosition) {
    }

    /** An event of an aggregate: the aggregate's id and the event's sequence number in it (its version). */
    record EventKey(String aggregateId, long sequence) {
    }

    /**
     * A record as it arrived.
     *
     * @param eventId          the envelope's event id
     * @param key              the envelope's aggregate id and sequence
     * @param globalSequence   the envelope's position in the event store
     * @param recordedAt       the envelope's time of recording in the event store
     * @param createTimeMillis the record's CreateTime (set by the producer when it was handed the record), or -1
     * @param receivedNanos    {@link System#nanoTime()} when the poll that returned it came back
     * @param receivedAt       the wall-clock time then
     */
    record Arrival(String eventId, EventKey key, long globalSequence, Instant recordedAt, long createTimeMillis,
                   long receivedNanos, Instant receivedAt) {

        /** Microseconds from {@link #recordedAt()} to the record's CreateTime, which has millisecond resolution. */
        long recordedToCreateMicros() {
            return createTimeMillis * 1_000 - micros(recordedAt);
        }

        /** Microseconds from the record's CreateTime, which has millisecond resolution, to {@link #receivedAt()}. */
        long createToReceivedMicros() {
            return micros(receivedAt) - createTimeMillis * 1_000;
        }

        private static long micros(Instant instant) {
            return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
        }
    }
}
