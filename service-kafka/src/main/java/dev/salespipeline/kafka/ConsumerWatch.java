package dev.salespipeline.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Watches how far each consumer of this instance got on each of its partitions, from the committed offsets of its
 * group and the partitions' end offsets (read every {@code sampleInterval} through the admin client, one request per
 * group and one for all end offsets), and remembers which record each partition is retrying and why.
 *
 * <p>A partition is <em>stuck</em> when it has records to read and its committed offset has not moved for longer than
 * {@code stuckAfter}; the committed offset is then the offset of the record it cannot get past. If positions cannot
 * be read for that long (Kafka unreachable), every consumer is taken as stuck too: none of them can advance.
 *
 * <p>Meters, per consumer, topic and partition of this instance: {@value #LAG} (records behind the end),
 * {@value #STALLED} (seconds since the committed offset last moved while records wait, 0 when caught up); per
 * consumer: {@value #DEAD_LETTERS} (records sent to a dead-letter topic, tagged with the topic and the exception)
 * and {@value #RETRIES} (failed attempts of records that are retried).
 */
public class ConsumerWatch {

    public static final String LAG = "pipeline.consumer.lag";
    public static final String STALLED = "pipeline.consumer.stalled.seconds";
    public static final String DEAD_LETTERS = "pipeline.consumer.dead.letters";
    public static final String RETRIES = "pipeline.consumer.retries";

    private static final Logger log = LoggerFactory.getLogger(ConsumerWatch.class);
    private static final long ADMIN_TIMEOUT_MS = 5_000;
    private static final int MAX_MESSAGE = 500;

    private final Admin admin;
    private final MeterRegistry meters;
    private final Duration stuckAfter;
    private final Clock clock;
    private final List<WatchedConsumers> sources;

    private final Map<Key, Position> positions = new ConcurrentHashMap<>();
    private final Map<Key, PartitionProgress.RecordFailure> failures = new ConcurrentHashMap<>();
    private volatile Instant lastSample;
    private volatile String lastSampleError;
    private final Instant startedAt;

    public ConsumerWatch(Admin admin, MeterRegistry meters, Duration stuckAfter, Clock clock,
                         List<WatchedConsumers> sources) {
        this.admin = admin;
        this.meters = meters;
        this.stuckAfter = stuckAfter;
        this.clock = clock;
        this.sources = List.copyOf(sources);
        this.startedAt = clock.instant();
    }

    /** Reads committed and end offsets of every watched consumer's partitions and updates progress and meters. */
    public void sample() {
        // Consumers are known by their group: listener containers of one group report their partitions together.
        Map<String, Set<TopicPartition>> assigned = new HashMap<>();
        for (WatchedConsumers source : sources) {
            for (WatchedConsumer consumer : source.consumers()) {
                Set<TopicPartition> partitions = assigned.computeIfAbsent(consumer.groupId(), group -> new HashSet<>());
                try {
                    Collection<TopicPartition> current = consumer.assignedPartitions().get();
                    if (current != null) {
                        partitions.addAll(current);
                    }
                } catch (RuntimeException e) {
                    log.debug("Cannot tell the partitions of {}", consumer.groupId(), e);
                }
            }
        }
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            assigned.values().forEach(partitions -> partitions.forEach(p -> latest.put(p, OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = offsets(latest);
            Map<Key, Long> committed = new HashMap<>();
            Set<TopicPartition> neverCommitted = new HashSet<>();
            for (Map.Entry<String, Set<TopicPartition>> consumer : assigned.entrySet()) {
                Set<TopicPartition> partitions = consumer.getValue();
                if (partitions.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(consumer.getKey(),
                                new ListConsumerGroupOffsetsOptions().timeoutMs((int) ADMIN_TIMEOUT_MS))
                        .partitionsToOffsetAndMetadata().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                for (TopicPartition partition : partitions) {
                    OffsetAndMetadata offset = offsets.get(partition);
                    if (offset == null) {
                        neverCommitted.add(partition);
                    } else {
                        committed.put(new Key(consumer.getKey(), partition), offset.offset());
                    }
                }
            }
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            neverCommitted.forEach(p -> earliest.put(p, OffsetSpec.earliest()));
            Map<TopicPartition, Long> starts = offsets(earliest);
            Instant now = clock.instant();
            Set<Key> seen = new HashSet<>();
            assigned.forEach((name, partitions) -> {
                for (TopicPartition partition : partitions) {
                    Key key = new Key(name, partition);
                    Long offset = committed.getOrDefault(key, starts.get(partition));
                    Long end = ends.get(partition);
                    if (offset == null || end == null) {
                        continue;
                    }
                    seen.add(key);
                    positions.computeIfAbsent(key, this::register).update(offset, end, now);
                    PartitionProgress.RecordFailure failure = failures.get(key);
                    if (failure != null && offset > failure.offset()) {
                        failures.remove(key, failure);
                    }
                }
            });
            for (Key key : List.copyOf(positions.keySet())) {
                if (!seen.contains(key)) {
                    positions.remove(key).unregister();
                    failures.remove(key);
                }
            }
            lastSample = now;
            lastSampleError = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            lastSampleError = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.debug("Cannot read consumer positions", e);
        }
    }

    private Map<TopicPartition, Long> offsets(Map<TopicPartition, OffsetSpec> request) throws Exception {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (request.isEmpty()) {
            return offsets;
        }
        admin.listOffsets(request, new ListOffsetsOptions().timeoutMs((int) ADMIN_TIMEOUT_MS)).all()
                .get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    /** Notes that a record failed and will be tried again. */
    public void retrying(String consumer, TopicPartition partition, long offset, Throwable failure, int attempt) {
        Key key = new Key(consumer, partition);
        Throwable reason = reason(failure);
        failures.compute(key, (k, previous) -> new PartitionProgress.RecordFailure(offset, reason.getClass().getName(),
                message(reason), attempt,
                previous != null && previous.offset() == offset ? previous.since() : clock.instant()));
        Counter.builder(RETRIES).tags(Tags.of("consumer", consumer, "reason", reason.getClass().getSimpleName()))
                .register(meters).increment();
    }

    /** Notes that a record went to a dead-letter topic; the partition moves on. */
    public void deadLettered(String consumer, String deadLetterTopic, TopicPartition partition, long offset,
                             Throwable failure) {
        failures.computeIfPresent(new Key(consumer, partition), (k, f) -> f.offset() == offset ? null : f);
        Throwable reason = reason(failure);
        Counter.builder(DEAD_LETTERS)
                .tags(Tags.of("consumer", consumer, "topic", deadLetterTopic, "reason", reason.getClass().getSimpleName()))
                .register(meters).increment();
        log.warn("{}: record {}-{}@{} sent to {}: {}", consumer, partition.topic(), partition.partition(), offset,
                deadLetterTopic, message(reason));
    }

    /**
     * Every watched partition of this instance as of the last sample: stuck ones first, and among them those with a
     * failing record (the others of the same consumer wait behind it).
     */
    public List<PartitionProgress> progress() {
        Instant now = clock.instant();
        boolean positionsUnknown = positionsUnknownFor(now).compareTo(stuckAfter) > 0;
        List<PartitionProgress> progress = new ArrayList<>();
        positions.forEach((key, position) -> {
            Duration stalled = position.stalledFor(now);
            boolean stuck = positionsUnknown || position.lag() > 0 && stalled.compareTo(stuckAfter) > 0;
            progress.add(new PartitionProgress(key.consumer(), key.partition().topic(), key.partition().partition(),
                    position.committed, position.end, position.lastAdvancedAt, stalled, stuck, failures.get(key)));
        });
        progress.sort(Comparator.comparing(PartitionProgress::stuck).reversed()
                .thenComparing(partition -> partition.failure() == null)
                .thenComparing(PartitionProgress::consumer).thenComparing(PartitionProgress::topic)
                .thenComparingInt(PartitionProgress::partition));
        return progress;
    }

    /** How long positions have not been read (since start if never), by this watch's clock. */
    public Duration positionsUnknownFor() {
        return positionsUnknownFor(clock.instant());
    }

    private Duration positionsUnknownFor(Instant now) {
        Instant last = lastSample;
        return Duration.between(last == null ? startedAt : last, now);
    }

    public String lastSampleError() {
        return lastSampleError;
    }

    public Duration stuckAfter() {
        return stuckAfter;
    }

    private Position register(Key key) {
        return new Position(key, meters);
    }

    private static Throwable reason(Throwable failure) {
        Throwable reason = failure;
        // Listener containers wrap what the listener threw; the cause is the reason.
        while (reason.getCause() != null && reason.getCause() != reason
                && reason.getClass().getName().startsWith("org.springframework.kafka.")) {
            reason = reason.getCause();
        }
        return reason;
    }

    static String message(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        return message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message;
    }

    private record Key(String consumer, TopicPartition partition) {
    }

    /** One partition's last known position, and its meters. */
    private final class Position {

        private final Gauge lagGauge;
        private final Gauge stalledGauge;
        private volatile long committed;
        private volatile long end;
        private volatile Instant lastAdvancedAt;

        Position(Key key, MeterRegistry registry) {
            this.lastAdvancedAt = clock.instant();
            Tags tags = Tags.of("consumer", key.consumer(), "topic", key.partition().topic(),
                    "partition", String.valueOf(key.partition().partition()));
            this.lagGauge = Gauge.builder(LAG, this, Position::lag).tags(tags)
                    .description("Records of the partition not yet processed by the consumer").register(registry);
            this.stalledGauge = Gauge.builder(STALLED, this, p -> p.lag() > 0 ? p.stalledFor(clock.instant()).toMillis()
                            / 1000.0 : 0).tags(tags)
                    .description("Seconds since the consumer last advanced on the partition while records wait")
                    .register(registry);
        }

        synchronized void update(long committedOffset, long endOffset, Instant now) {
            if (committedOffset != committed || committedOffset >= endOffset) {
                lastAdvancedAt = now;
            }
            committed = committedOffset;
            end = endOffset;
        }

        double lag() {
            return Math.max(0, end - committed);
        }

        Duration stalledFor(Instant now) {
            return lag() > 0 ? Duration.between(lastAdvancedAt, now) : Duration.ZERO;
        }

        void unregister() {
            meters.remove(lagGauge);
            meters.remove(stalledGauge);
        }
    }
}
