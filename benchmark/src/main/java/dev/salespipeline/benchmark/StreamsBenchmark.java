package dev.salespipeline.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import dev.salespipeline.analytics.app.AnalyticsTopology;
import dev.salespipeline.analytics.app.StreamsSettings;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.Topics;
import dev.salespipeline.infra.embedded.EmbeddedKafka;
import tools.jackson.databind.json.JsonMapper;

/**
 * How fast the analytics topology replays the event topic, and how soon a live event shows in a metric, on a
 * private broker started in this process (the topology writes the real metric topics, which must never reach a
 * running stack):
 * <ol>
 *   <li>a synthetic history of {@code --events} events ({@link SyntheticHistory}) is produced to
 *       {@link Topics#PIPELINE_EVENTS} by a plain producer: the produce rate is the baseline of the broker;</li>
 *   <li>a pass-through topology (the same records, as bytes, from the event topic to a topic of its own) replays the
 *       topic, then the full {@link AnalyticsTopology}: each with the production Streams configuration
 *       ({@link StreamsSettings}), one stream thread, an application id and state directory of its own, timed until
 *       the group's committed offsets reach the end of every partition it reads;</li>
 *   <li>with the full topology still running, {@code --lag-samples} deals are opened one at a time, each timed from
 *       the send until the opened-deals metric of its pipeline counts it.</li>
 * </ol>
 * The broker's data and the state directories live in a temporary directory, deleted at the end.
 */
public final class StreamsBenchmark {

    static final String PASS_THROUGH_TOPIC = "bench.pass-through.v1";

    private static final Duration POLL_INTERVAL = Duration.ofMillis(150);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);
    private static final Duration LAG_TIMEOUT = Duration.ofSeconds(30);

    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("events", "200000"),
            Map.entry("seed", "1"),
            Map.entry("lag-samples", "200"),
            Map.entry("partitions", Integer.toString(Topics.PIPELINE_EVENTS_DEFAULT_PARTITIONS)),
            Map.entry("processing-guarantee", StreamsConfig.EXACTLY_ONCE_V2),
            Map.entry("timeout", "1800"),
            Map.entry("set", ""),
            Map.entry("report", ""));

    private final Map<String, String> options;
    private final PrintStream out;
    private final PrintStream progress;
    private final JsonMapper json = JsonMapper.builder().build();

    StreamsBenchmark(Map<String, String> options, PrintStream out, PrintStream progress) {
        this.options = options;
        this.out = out;
        this.progress = progress;
    }

    static String usage() {
        return """
                Usage: java -jar benchmark.jar streams [options]
                Replays a synthetic event history through the analytics topology on a private Kafka broker
                started in this process (in a temporary directory), then measures the live lag to a metric.
                  --events=<n>                 events in the history, default 200000
                  --seed=<n>                   seed of the history, default 1
                  --lag-samples=<n>            deals opened one at a time for the lag, default 200
                  --partitions=<n>             partitions of the event topic, default 6
                  --processing-guarantee=<g>   exactly_once_v2 (production, default) or at_least_once
                  --timeout=<seconds>          longest wait for one replay, default 1800
                  --set=<key=value,...>        Streams settings over the production ones, for both topologies
                                               (e.g. producer.retry.backoff.ms=10), default none
                  --report=<file>              JSON report, default benchmark/target/streams-<time>.json
                """;
    }

    Map<String, Object> run() throws Exception {
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        int events = atLeast("events", SyntheticHistory.PIPELINES + 1);
        long seed = Long.parseLong(options.get("seed").trim());
        int lagSamples = atLeast("lag-samples", 1);
        int partitions = atLeast("partitions", 1);
        String guarantee = options.get("processing-guarantee");
        Duration timeout = Duration.ofSeconds(atLeast("timeout", 1));
        Map<String, String> overrides = overrides(options.get("set"));

        long generating = System.nanoTime();
        SyntheticHistory history = SyntheticHistory.generate(events, seed, Instant.now(), json);
        double generateSeconds = seconds(System.nanoTime() - generating);
        progress.printf(Locale.ROOT, "Generated %,d events of %,d deals in %d pipelines (%.1f MB) in %.1f s%n",
                events, history.deals(), history.pipelineIds().size(), history.bytes() / 1e6, generateSeconds);

        Path directory = Files.createTempDirectory("streams-benchmark-");
        Map<String, Object> report = new LinkedHashMap<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(directory.resolve("kafka"), 0);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            String servers = kafka.bootstrapServers();
            StreamsSettings.createTopics(servers, partitions, (short) 1);
            admin.createTopics(List.of(new NewTopic(PASS_THROUGH_TOPIC, partitions, (short) 1))).all().get();

            Map<String, Object> produce = produce(servers, history);
            Map<TopicPartition, Long> inputEnds = endOffsets(admin, partitionsOf(Topics.PIPELINE_EVENTS, partitions));
            progress.printf(Locale.ROOT, "Produced %,d events at %,.0f events/s%n", events,
                    (Double) produce.get("eventsPerSecond"));

            StreamsBuilder passThroughBuilder = new StreamsBuilder();
            passThroughBuilder.stream(Topics.PIPELINE_EVENTS, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                    .to(PASS_THROUGH_TOPIC, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
            Replay passThrough = new Replay("pass-through", passThroughBuilder.build(),
                    config(servers, "bench-pass-through-", directory, guarantee, overrides), admin, inputEnds, timeout);
            passThrough.run();
            passThrough.close();

            Replay full = new Replay("analytics", AnalyticsTopology.build(new CompanyPeriods(ZoneOffset.UTC)),
                    config(servers, "bench-analytics-", directory, guarantee, overrides), admin, inputEnds, timeout);
            Stats lag;
            Map<String, Long> metricRecords;
            Map<String, Object> heap;
            Map<String, Object> recordsPerEvent;
            try {
                full.run();
                recordsPerEvent = full.recordsPerEvent();
                heap = heap();
                metricRecords = outputRecords(admin);
                lag = lag(servers, history, lagSamples);
            } finally {
                full.close();
            }

            double ratio = full.eventsPerSecond() / passThrough.eventsPerSecond();
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("events", events);
            settings.put("seed", seed);
            settings.put("lagSamples", lagSamples);
            settings.put("partitions", partitions);
            settings.put("processingGuarantee", guarantee);
            settings.put("streamsOverrides", overrides);
            settings.put("streamThreads", 1);
            settings.put("availableProcessors", Runtime.getRuntime().availableProcessors());
            settings.put("javaVersion", System.getProperty("java.version"));

            Map<String, Object> input = new LinkedHashMap<>();
            input.put("events", events);
            input.put("deals", history.deals());
            input.put("pipelines", history.pipelineIds().size());
            input.put("bytes", history.bytes());
            input.put("averageRecordBytes", (double) history.bytes() / events);
            input.put("generateSeconds", generateSeconds);

            report.put("benchmark", "streams");
            report.put("startedAt", startedAt.toString());
            report.put("settings", settings);
            report.put("input", input);
            report.put("produce", produce);
            report.put("passThrough", passThrough.describe());
            report.put("full", full.describe());
            report.put("fullToPassThroughRatio", ratio);
            report.put("metricTopicRecords", metricRecords);
            report.put("recordsPerEvent", recordsPerEvent);
            report.put("eventToMetricMicros", lag);
            report.put("heapAfterReplay", heap);
            report.put("totalSeconds", seconds(System.nanoTime() - start));

            print(report, produce, passThrough, full, ratio, lag, metricRecords, recordsPerEvent, heap);
        } finally {
            deleteRecursively(directory);
        }
        Path file = Reports.write(Reports.file(options.get("report"), "streams"), report, json);
        out.println("Report: " + file);
        return report;
    }

    private void print(Map<String, Object> report, Map<String, Object> produce, Replay passThrough, Replay full,
                       double ratio, Stats lag, Map<String, Long> metricRecords, Map<String, Object> recordsPerEvent,
                       Map<String, Object> heap) {
        Table rates = new Table("replay of " + Topics.PIPELINE_EVENTS + ", one stream thread", "events",
                "events/s", "s from RUNNING", "s from start", "process CPU s", "vs pass-through");
        rates.row("plain producer (baseline of the broker)", produce.get("events"),
                number((Double) produce.get("eventsPerSecond")), "", number((Double) produce.get("seconds")), "", "");
        rates.row("pass-through topology (baseline)", passThrough.events, number(passThrough.eventsPerSecond()),
                decimal(passThrough.secondsFromRunning()), decimal(passThrough.secondsFromStart()),
                decimal(passThrough.cpuSeconds()), "1.00");
        rates.row("full analytics topology", full.events, number(full.eventsPerSecond()),
                decimal(full.secondsFromRunning()), decimal(full.secondsFromStart()), decimal(full.cpuSeconds()),
                String.format(Locale.ROOT, "%.2f", ratio));
        Table latency = new Table("event produced -> metric record, ms", "count", "median", "p99", "max");
        latency.row("DealOpened -> " + Topics.METRICS_OPENED_DEALS, lag.count(), ms(lag.median()), ms(lag.p99()),
                ms(lag.max()));
        out.println();
        out.print(rates.render());
        out.println();
        out.print(latency.render());
        out.println();
        long written = metricRecords.values().stream().mapToLong(Long::longValue).sum();
        out.printf(Locale.ROOT, "metric and alert records written by the replay: %,d on %d topics%n", written,
                metricRecords.values().stream().filter(count -> count > 0).count());
        out.printf(Locale.ROOT, "records written per input event by the replay: %.2f internal (%.2f repartition, "
                        + "%.2f foreign-key subscription, %.2f changelog), %.2f to metric and alert topics%n",
                recordsPerEvent.get("internal"), recordsPerEvent.get("repartition"),
                recordsPerEvent.get("subscription"), recordsPerEvent.get("changelog"), recordsPerEvent.get("output"));
        out.println("producer of the replay: " + recordsPerEvent.get("producer"));
        out.printf(Locale.ROOT, "heap after the replay (broker, history and streams in one JVM): %s MB used, "
                        + "%s MB peak, %s MB max%n", heap.get("usedMB"), heap.get("peakMB"), heap.get("maxMB"));
        out.printf(Locale.ROOT, "total %.1f s%n", (Double) report.get("totalSeconds"));
    }

    /** Sends the history with a plain producer, as command-service configures its own, and waits for every ack. */
    static Map<String, Object> produce(String servers, SyntheticHistory history)
            throws InterruptedException, ExecutionException {
        Properties config = producerConfig(servers);
        long start;
        long end;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            // Metadata first, so that the timing starts with the first record rather than the connection.
            producer.partitionsFor(Topics.PIPELINE_EVENTS);
            start = System.nanoTime();
            List<Future<RecordMetadata>> acks = new ArrayList<>(history.records().size());
            for (ProducerRecord<String, byte[]> record : history.records()) {
                acks.add(producer.send(record));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
            end = System.nanoTime();
        }
        double seconds = seconds(end - start);
        Map<String, Object> produce = new LinkedHashMap<>();
        produce.put("events", history.records().size());
        produce.put("seconds", seconds);
        produce.put("eventsPerSecond", history.records().size() / seconds);
        produce.put("megabytesPerSecond", history.bytes() / 1e6 / seconds);
        return produce;
    }

    /** The producer settings of command-service's publisher. */
    private static Properties producerConfig(String servers) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return config;
    }

    /** The production Streams configuration with one stream thread, a fresh application id and state directory. */
    private static Properties config(String servers, String prefix, Path directory, String guarantee,
                                     Map<String, String> overrides) {
        String applicationId = prefix + UUID.randomUUID().toString().substring(0, 8);
        Properties config = StreamsSettings.config(servers, applicationId,
                directory.resolve("state-" + applicationId).toString(), guarantee, 1, 1);
        config.putAll(overrides);
        return config;
    }

    private static Map<String, String> overrides(String value) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String entry : value.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("--set expects key=value pairs, got " + entry);
            }
            overrides.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
        }
        return overrides;
    }

    /**
     * One replay: the topology runs from the start of the event topic until its group has committed the end of every
     * partition it reads: the event topic's and its internal topics' (repartition and subscription topics), so that
     * every event has gone through every step of the topology.
     */
    private final class Replay {

        private final String name;
        private final KafkaStreams streams;
        private final String applicationId;
        private final Admin admin;
        private final Map<TopicPartition, Long> inputEnds;
        private final Duration timeout;
        private final long events;
        private final CountDownLatch running = new CountDownLatch(1);
        private final AtomicLong runningAt = new AtomicLong();
        private final AtomicLong eventsCommittedAt = new AtomicLong();
        private long startedAt;
        private long caughtUpAt;
        private long cpuNanos;
        private boolean closed;

        Replay(String name, Topology topology, Properties config, Admin admin, Map<TopicPartition, Long> inputEnds,
               Duration timeout) {
            this.name = name;
            this.applicationId = config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
            this.streams = new KafkaStreams(topology, config);
            this.admin = admin;
            this.inputEnds = inputEnds;
            this.timeout = timeout;
            this.events = inputEnds.values().stream().mapToLong(Long::longValue).sum();
        }

        void run() throws InterruptedException, ExecutionException, TimeoutException {
            progress.printf(Locale.ROOT, "Replaying %,d events through the %s topology (%s)%n", events, name,
                    applicationId);
            streams.setStateListener((newState, oldState) -> {
                if (newState == KafkaStreams.State.RUNNING && runningAt.compareAndSet(0, System.nanoTime())) {
                    running.countDown();
                }
            });
            CompletableFuture<Long> caughtUp = new CompletableFuture<>();
            ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
            long cpuBefore = processCpuNanos();
            startedAt = System.nanoTime();
            long[] lastReport = {startedAt};
            try {
                streams.start();
                poller.scheduleWithFixedDelay(() -> {
                    try {
                        Backlog backlog = backlog();
                        long now = System.nanoTime();
                        if (backlog.events() == 0) {
                            eventsCommittedAt.compareAndSet(0, now);
                        }
                        if (backlog.events() == 0 && backlog.internal() == 0) {
                            caughtUp.complete(now);
                        } else if (now - lastReport[0] >= PROGRESS_INTERVAL.toNanos()) {
                            lastReport[0] = now;
                            progress.printf(Locale.ROOT, "  %s: %,d of %,d events committed, %,d records left on its "
                                            + "internal topics, after %.0f s%n", name, events - backlog.events(), events,
                                    backlog.internal(), seconds(now - startedAt));
                        }
                    } catch (Exception e) {
                        caughtUp.completeExceptionally(e);
                    }
                }, POLL_INTERVAL.toMillis(), POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                caughtUpAt = caughtUp.get(timeout.toSeconds(), TimeUnit.SECONDS);
                cpuNanos = processCpuNanos() - cpuBefore;
                if (!running.await(0, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(name + " caught up without ever being RUNNING");
                }
            } finally {
                poller.shutdownNow();
            }
            progress.printf(Locale.ROOT, "  %s: caught up in %.1f s (%.1f s from RUNNING, the event topic committed "
                    + "after %.1f s), %,.0f events/s%n", name, secondsFromStart(), secondsFromRunning(),
                    eventTopicSecondsFromRunning(), eventsPerSecond());
        }

        /**
         * Input records not committed yet: on the event topic up to its end, and on the internal topics the group
         * reads (repartition and subscription topics) up to their end but one (the last offset of a partition
         * written in transactions is a commit marker, which the group need not pass).
         */
        private Backlog backlog() throws InterruptedException, ExecutionException {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get();
            long events = 0;
            for (Map.Entry<TopicPartition, Long> end : inputEnds.entrySet()) {
                OffsetAndMetadata offset = committed.get(end.getKey());
                events += end.getValue() - (offset == null ? 0 : Math.min(end.getValue(), offset.offset()));
            }
            List<TopicPartition> internal = committed.keySet().stream()
                    .filter(partition -> partition.topic().startsWith(applicationId + "-"))
                    .toList();
            Map<TopicPartition, Long> internalEnds = endOffsets(admin, internal);
            long records = 0;
            for (TopicPartition partition : internal) {
                records += Math.max(0, internalEnds.get(partition) - 1 - committed.get(partition).offset());
            }
            return new Backlog(events, records);
        }

        /** When the event topic was committed to its end, in seconds from RUNNING. */
        double eventTopicSecondsFromRunning() {
            return seconds(eventsCommittedAt.get() - runningAt.get());
        }

        double secondsFromStart() {
            return seconds(caughtUpAt - startedAt);
        }

        double secondsFromRunning() {
            return seconds(caughtUpAt - runningAt.get());
        }

        /** Events per second from RUNNING (once the group has its partitions) until caught up. */
        double eventsPerSecond() {
            return events / secondsFromRunning();
        }

        double cpuSeconds() {
            return seconds(cpuNanos);
        }

        /**
         * Records the application's producer has sent so far, per input event, by class of topic: repartition,
         * foreign-key subscription (registration and response, repartition topics too), changelog, and output
         * (metric, alert and dead-letter topics); {@code internal} is the sum of the first three. Counted from the
         * producer's {@code record-send-total} per topic, so a record sent in a transaction that was aborted and
         * sent again counts twice, as it cost twice.
         */
        Map<String, Object> recordsPerEvent() {
            Map<String, Double> sent = new LinkedHashMap<>();
            List.of("repartition", "subscription", "changelog", "output").forEach(kind -> sent.put(kind, 0.0));
            Map<String, Double> byTopic = new TreeMap<>();
            streams.metrics().forEach((name, metric) -> {
                String topic = name.tags().get("topic");
                if (name.group().equals("producer-topic-metrics") && name.name().equals("record-send-total")
                        && topic != null && metric.metricValue() instanceof Double count) {
                    byTopic.merge(topic, count, Double::sum);
                    sent.merge(kindOf(topic), count, Double::sum);
                }
            });
            Map<String, Object> figures = new LinkedHashMap<>();
            double internal = sent.get("repartition") + sent.get("subscription") + sent.get("changelog");
            figures.put("internal", internal / events);
            sent.forEach((kind, count) -> figures.put(kind, count / events));
            Map<String, Long> records = new LinkedHashMap<>();
            byTopic.forEach((topic, count) -> records.put(topic.startsWith(applicationId + "-")
                    ? topic.substring(applicationId.length() + 1) : topic, count.longValue()));
            figures.put("recordsByTopic", records);
            figures.put("producer", producerFigures());
            return figures;
        }

        /**
         * What the application's producer spent in transactions and retries: seconds blocked in commits, flushes
         * and the other transaction calls, records retried and failed. Retries on {@code CONCURRENT_TRANSACTIONS}
         * or an out-of-order sequence wait the producer's back-off and show here.
         */
        private Map<String, Object> producerFigures() {
            Map<String, Double> totals = new TreeMap<>();
            Set<String> wanted = Set.of("record-retry-total", "record-error-total", "txn-commit-time-ns-total",
                    "txn-begin-time-ns-total", "txn-send-offsets-time-ns-total", "txn-init-time-ns-total",
                    "txn-abort-time-ns-total", "flush-time-ns-total", "request-total");
            streams.metrics().forEach((name, metric) -> {
                if (name.group().equals("producer-metrics") && wanted.contains(name.name())
                        && metric.metricValue() instanceof Double value) {
                    totals.merge(name.name(), value, Double::sum);
                }
            });
            Map<String, Object> figures = new LinkedHashMap<>();
            totals.forEach((metric, value) -> {
                if (metric.endsWith("-time-ns-total")) {
                    figures.put(metric.replace("-time-ns-total", "Seconds"), value / 1e9);
                } else {
                    figures.put(metric, value.longValue());
                }
            });
            return figures;
        }

        private String kindOf(String topic) {
            if (!topic.startsWith(applicationId + "-")) {
                return "output";
            }
            if (topic.endsWith("-changelog")) {
                return "changelog";
            }
            if (topic.contains("-subscription-registration") || topic.contains("-subscription-response")) {
                return "subscription";
            }
            return "repartition";
        }

        Map<String, Object> describe() {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("applicationId", applicationId);
            figures.put("events", events);
            figures.put("secondsFromStart", secondsFromStart());
            figures.put("secondsFromRunning", secondsFromRunning());
            figures.put("eventsPerSecond", eventsPerSecond());
            figures.put("eventsPerSecondFromStart", events / secondsFromStart());
            figures.put("eventTopicCommittedSecondsFromRunning", eventTopicSecondsFromRunning());
            figures.put("processCpuSeconds", cpuSeconds());
            return figures;
        }

        void close() {
            if (!closed) {
                closed = true;
                streams.close(Duration.ofSeconds(30));
            }
        }
    }

    /** Records a group has still to commit: of the event topic, and of its internal topics. */
    private record Backlog(long events, long internal) {
    }

    /**
     * Opens deals one at a time in the first pipeline, each timed from just before its send until the opened-deals
     * metric of the pipeline, read committed, counts it. The producer is set up as command-service's publisher.
     */
    private Stats lag(String servers, SyntheticHistory history, int samples) {
        String pipelineId = history.pipelineIds().get(0);
        List<Long> micros = new ArrayList<>(samples);
        try (OpenedDealsWatch watch = OpenedDealsWatch.fromEnd(servers, json);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(servers),
                     new StringSerializer(), new ByteArraySerializer())) {
            producer.partitionsFor(Topics.PIPELINE_EVENTS);
            long expected = history.opened(pipelineId);
            progress.printf(Locale.ROOT, "Measuring the lag: %d deals opened one at a time in %s%n", samples,
                    pipelineId);
            for (int i = 0; i < samples; i++) {
                expected++;
                ProducerRecord<String, byte[]> record = SyntheticHistory.openedNow("live-deal-" + (i + 1), pipelineId,
                        json);
                long sent = System.nanoTime();
                producer.send(record);
                long seen = watch.awaitCount(pipelineId, expected, sent + LAG_TIMEOUT.toNanos());
                if (seen < 0) {
                    throw new IllegalStateException("the opened-deals metric of " + pipelineId + " did not reach "
                            + expected + " within " + LAG_TIMEOUT);
                }
                micros.add((seen - sent) / 1_000);
            }
        }
        return Stats.of(micros);
    }

    /** Records on every metric and alert topic: what the replay wrote, before the live deals. */
    private static Map<String, Long> outputRecords(Admin admin) throws InterruptedException, ExecutionException {
        List<String> topics = new ArrayList<>(Topics.METRICS_TOPICS);
        topics.addAll(Topics.ALERT_TOPICS);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            partitions.addAll(partitionsOf(topic, StreamsSettings.OUTPUT_TOPIC_PARTITIONS));
        }
        Map<TopicPartition, Long> ends = endOffsets(admin, partitions);
        Map<String, Long> counts = new LinkedHashMap<>();
        // The end offsets count commit markers too: at most one per transaction that wrote to the partition.
        topics.forEach(topic -> counts.put(topic, 0L));
        ends.forEach((partition, end) -> counts.merge(partition.topic(), end, Long::sum));
        return counts;
    }

    private static List<TopicPartition> partitionsOf(String topic, int partitions) {
        List<TopicPartition> list = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            list.add(new TopicPartition(topic, p));
        }
        return list;
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, List<TopicPartition> partitions)
            throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new LinkedHashMap<>();
        admin.listOffsets(request).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /** Heap in use now and at most so far, in MB (the broker, the history and the topology share this JVM). */
    private static Map<String, Object> heap() {
        long used = 0;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
                peak += pool.getPeakUsage().getUsed();
            }
        }
        Map<String, Object> heap = new LinkedHashMap<>();
        heap.put("usedMB", used / (1024 * 1024));
        heap.put("peakMB", peak / (1024 * 1024));
        heap.put("maxMB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        return heap;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + directory, e);
        }
    }

    private int atLeast(String name, int minimum) {
        int value;
        try {
            value = Integer.parseInt(options.get(name).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got " + options.get(name), e);
        }
        if (value < minimum) {
            throw new IllegalArgumentException("--" + name + " must be at least " + minimum + ", got " + value);
        }
        return value;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.1f", micros / 1000.0);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Runs the benchmark with {@code --name=value} arguments and returns the report it wrote. */
    static Map<String, Object> main(String[] args, PrintStream out, PrintStream progress) throws Exception {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        for (String arg : args) {
            if (arg.equals("--help")) {
                out.print(usage());
                return Map.of();
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 || !arg.startsWith("--") ? null : arg.substring(2, equals);
            if (name == null || !values.containsKey(name)) {
                throw new IllegalArgumentException("Unknown argument " + arg + "\n" + usage());
            }
            values.put(name, arg.substring(equals + 1));
        }
        return new StreamsBenchmark(values, out, progress).run();
    }
}
