package dev.salespipeline.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The operators' view of dead-letter topics: read what is on one, and after the cause is fixed, send records back to
 * the topic they came from, where their consumer reads them again.
 *
 * <p>The original topic, partition and offset are taken from the headers that Spring Kafka's dead-letter publisher
 * ({@code kafka_dlt-original-*}) and Kafka Streams' dead-letter queue ({@code __streams.errors.*}) write. Records are
 * sent back unchanged (key, value, headers other than those of the dead letter) with {@value #REDRIVEN_FROM_HEADER}
 * naming where they were, so that a record that fails again is recognised.
 *
 * <p>Records that came from the event topic ({@value #EVENT_TOPIC}) are not sent back: the topic keeps every event
 * forever and its consumers apply each deal's events once, in order, so a copy appended behind later events would be
 * taken for a duplicate. After a fix, those consumers re-read the topic instead (query-service: rebuild).
 */
public class DeadLetters {

    public static final int MAX_VALUE_CHARS = 16_384;
    public static final int MAX_RECORDS = 500;
    public static final String REDRIVEN_FROM_HEADER = "x-redriven-from";
    static final String EVENT_TOPIC = "pipeline.events.v1";

    private static final String SPRING_TOPIC = "kafka_dlt-original-topic";
    private static final String SPRING_PARTITION = "kafka_dlt-original-partition";
    private static final String SPRING_OFFSET = "kafka_dlt-original-offset";
    private static final String STREAMS_TOPIC = "__streams.errors.topic";
    private static final String STREAMS_PARTITION = "__streams.errors.partition";
    private static final String STREAMS_OFFSET = "__streams.errors.offset";
    private static final Set<String> NUMERIC_HEADERS = Set.of(SPRING_PARTITION, SPRING_OFFSET,
            "kafka_dlt-original-timestamp", "kafka_dlt-original-consumer-group");
    private static final Duration POLL = Duration.ofMillis(500);
    private static final int EMPTY_POLLS = 4;

    private final String bootstrapServers;

    public DeadLetters(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Whether a topic is a dead-letter topic, which is all this class reads or sends from. */
    public static boolean isDeadLetterTopic(String topic) {
        return topic != null && topic.endsWith(".dlt");
    }

    /** Up to {@code limit} records of the topic's partition from {@code fromOffset} on. */
    public List<DeadLetter> read(String topic, int partition, long fromOffset, int limit) {
        requireDeadLetterTopic(topic);
        List<DeadLetter> letters = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records(topic, partition, fromOffset, Long.MAX_VALUE,
                Math.min(limit, MAX_RECORDS))) {
            letters.add(describe(record));
        }
        return letters;
    }

    /**
     * Sends the records of the topic's partition with offsets from {@code fromOffset} to {@code toOffset} (inclusive,
     * at most {@value #MAX_RECORDS}) back to where they came from.
     */
    public Redrive redrive(String topic, int partition, long fromOffset, long toOffset) {
        requireDeadLetterTopic(topic);
        if (toOffset < fromOffset) {
            throw new IllegalArgumentException("toOffset " + toOffset + " is before fromOffset " + fromOffset);
        }
        List<ConsumerRecord<byte[], byte[]>> records = records(topic, partition, fromOffset, toOffset, MAX_RECORDS);
        Map<String, Integer> sent = new TreeMap<>();
        List<Long> refused = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            List<Future<?>> sends = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                DeadLetter letter = describe(record);
                String destination = letter.originalTopic();
                if (destination == null || isDeadLetterTopic(destination) || EVENT_TOPIC.equals(destination)) {
                    refused.add(record.offset());
                    continue;
                }
                RecordHeaders headers = new RecordHeaders();
                for (Header header : record.headers()) {
                    if (!header.key().startsWith("kafka_dlt-") && !header.key().startsWith("__streams.errors.")
                            && !header.key().equals(REDRIVEN_FROM_HEADER)) {
                        headers.add(header);
                    }
                }
                headers.add(REDRIVEN_FROM_HEADER, (topic + "-" + partition + "@" + record.offset())
                        .getBytes(StandardCharsets.UTF_8));
                sends.add(producer.send(new ProducerRecord<>(destination, null, record.key(), record.value(), headers)));
                sent.merge(destination, 1, Integer::sum);
            }
            for (Future<?> send : sends) {
                send.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending records back", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused a record sent back: " + e.getCause().getMessage(), e);
        }
        return new Redrive(records.size(), sent, refused);
    }

    /** What a redrive did: records read, sent back per destination, offsets not sent (origin unknown or the event topic). */
    public record Redrive(int read, Map<String, Integer> sent, List<Long> notSent) {
    }

    private List<ConsumerRecord<byte[], byte[]>> records(String topic, int partition, long fromOffset, long toOffset,
                                                         int limit) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        TopicPartition source = new TopicPartition(topic, partition);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(List.of(source));
            long start = Math.max(fromOffset, consumer.beginningOffsets(List.of(source)).get(source));
            long end = consumer.endOffsets(List.of(source)).get(source);
            consumer.seek(source, start);
            int empty = 0;
            while (records.size() < limit && consumer.position(source) < end && empty < EMPTY_POLLS) {
                var polled = consumer.poll(POLL);
                empty = polled.isEmpty() ? empty + 1 : 0;
                for (ConsumerRecord<byte[], byte[]> record : polled.records(source)) {
                    if (record.offset() > toOffset || records.size() >= limit) {
                        return records;
                    }
                    records.add(record);
                }
            }
        }
        return records;
    }

    static DeadLetter describe(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), headerText(header));
        }
        String value = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        boolean cut = value != null && value.length() > MAX_VALUE_CHARS;
        String originalTopic = headers.getOrDefault(SPRING_TOPIC, headers.get(STREAMS_TOPIC));
        return new DeadLetter(record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                cut ? value.substring(0, MAX_VALUE_CHARS) : value, cut, headers, originalTopic,
                number(headers.getOrDefault(SPRING_PARTITION, headers.get(STREAMS_PARTITION)), Integer::valueOf),
                number(headers.getOrDefault(SPRING_OFFSET, headers.get(STREAMS_OFFSET)), Long::valueOf));
    }

    private static String headerText(Header header) {
        byte[] bytes = header.value();
        if (bytes == null) {
            return null;
        }
        if (NUMERIC_HEADERS.contains(header.key()) && (bytes.length == Integer.BYTES || bytes.length == Long.BYTES)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return String.valueOf(bytes.length == Integer.BYTES ? buffer.getInt() : buffer.getLong());
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.length() > MAX_VALUE_CHARS ? text.substring(0, MAX_VALUE_CHARS) + "…" : text;
    }

    private static <T> T number(String text, java.util.function.Function<String, T> parse) {
        if (text == null) {
            return null;
        }
        try {
            return parse.apply(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void requireDeadLetterTopic(String topic) {
        if (!isDeadLetterTopic(topic)) {
            throw new IllegalArgumentException(topic + " is not a dead-letter topic (their names end in .dlt)");
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "dead-letters-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_RECORDS);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
