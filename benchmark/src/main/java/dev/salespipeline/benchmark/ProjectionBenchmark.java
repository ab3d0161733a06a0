package dev.salespipeline.benchmark;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

import dev.salespipeline.api.Topics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How fast query-service's projections apply the log: a local stack with query-service alone (the launcher's
 * {@code --services=query}: no command-service publishing, no analytics competing for the two cores), a synthetic
 * history of {@code --events} events sent to the event topic as fast as the broker takes it, then
 * <ul>
 *   <li>apply: from the first record sent until query-service's consumer group has committed the end of every
 *       partition, so every event is in the read models;</li>
 *   <li>rebuild: {@code POST /admin/rebuild} of the same history into new collections and the swap, timed by the
 *       rebuild's own start and end;</li>
 *   <li>baselines on the same MongoDB server in the same run: card-sized upserts by id and inserts, each in unordered
 *       bulk writes of 1,000 (what a batched projection and a rebuild write), and one upsert at a time.</li>
 * </ul>
 * Every event is written by each projection it concerns (a card, a timeline entry, a version...), so an event costs
 * more than one baseline document: the ratio says how close the projections come to the writes they make.
 */
final class ProjectionBenchmark {

    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("events", "200000"),
            Map.entry("seed", "42"),
            Map.entry("repo-root", "."),
            Map.entry("data-dir", ""),
            Map.entry("kafka-port", "29092"),
            Map.entry("postgres-port", "25432"),
            Map.entry("mongo-port", "27117"),
            Map.entry("query-port", "28082"),
            Map.entry("timeout-seconds", "1800"),
            Map.entry("report", ""));

    private static final int CARD_BYTES = 1_200;
    private static final int BULK = 1_000;
    private static final String GROUP = "query-service";

    static String usage() {
        return """
                Usage: java -jar benchmark/target/benchmark.jar projection [options]
                Starts a local stack with query-service alone, sends a synthetic history to the event topic and
                measures how fast the projections apply it, and a rebuild of it, next to MongoDB bulk writes.
                  --events=<n>            events in the history, default 200000
                  --seed=<n>              the history's seed, default 42
                  --repo-root=<dir>       the repository, default .
                  --data-dir=<dir>        the stack's data directory, default a temporary one
                  --kafka-port, --postgres-port, --mongo-port, --query-port
                                          the stack's ports, default 29092 25432 27117 28082
                  --timeout-seconds=<n>   the most the apply or the rebuild may take, default 1800
                  --report=<file>         where the JSON report goes, default benchmark/target/projection-<time>.json
                """;
    }

    private final Map<String, String> options;
    private final PrintStream out;
    private final PrintStream progress;
    private final JsonMapper json = JsonMapper.builder().build();

    private ProjectionBenchmark(Map<String, String> options, PrintStream out, PrintStream progress) {
        this.options = options;
        this.out = out;
        this.progress = progress;
    }

    private Map<String, Object> run() throws Exception {
        int events = Integer.parseInt(options.get("events"));
        Path repoRoot = Path.of(options.get("repo-root")).toAbsolutePath().normalize();
        Path dataDir = options.get("data-dir").isBlank() ? Files.createTempDirectory("projection-benchmark-")
                : Path.of(options.get("data-dir"));
        Duration timeout = Duration.ofSeconds(Long.parseLong(options.get("timeout-seconds")));
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String port : List.of("kafka-port", "postgres-port", "mongo-port", "query-port")) {
            ports.put(port, Integer.parseInt(options.get(port)));
        }
        String kafka = "localhost:" + ports.get("kafka-port");
        String mongo = "mongodb://localhost:" + ports.get("mongo-port") + "/pipeline";
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "projection");
        report.put("startedAt", Instant.now().toString());
        report.put("machine", Suite.Machine.describe());

        progress.printf("Generating a synthetic history of %,d events%n", events);
        SyntheticHistory history = SyntheticHistory.generate(events, Long.parseLong(options.get("seed")),
                Instant.now(), json);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("events", history.records().size());
        input.put("deals", history.deals());
        input.put("megabytes", history.bytes() / 1e6);
        report.put("input", input);

        try (LocalStackProcess stack = LocalStackProcess.start(repoRoot, dataDir, ports, List.of("--services=query"),
                Duration.ofMinutes(5), progress);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            report.put("stackStartSeconds", stack.startSeconds());
            String adminToken = LocalStackProcess.token(repoRoot, dataDir, "ada");
            createTopic(admin);

            progress.printf("Sending %,d events to %s and waiting for query-service to apply them%n",
                    history.records().size(), Topics.PIPELINE_EVENTS);
            long start = System.nanoTime();
            double produceSeconds = (Double) StreamsBenchmark.produce(kafka, history).get("seconds");
            long applied = awaitCommitted(admin, history.records().size(), timeout, progress);
            double applySeconds = (applied - start) / 1e9;
            Map<String, Object> apply = new LinkedHashMap<>();
            apply.put("events", history.records().size());
            apply.put("produceSeconds", produceSeconds);
            apply.put("seconds", applySeconds);
            apply.put("eventsPerSecond", history.records().size() / applySeconds);
            Map<String, Long> documents = documents(mongo);
            long total = documents.values().stream().mapToLong(Long::longValue).sum();
            apply.put("documents", documents);
            apply.put("documentsPerEvent", (double) total / history.records().size());
            report.put("apply", apply);
            progress.printf(Locale.ROOT, "Applied %,d events in %.1f s (sent in %.1f s)%n", history.records().size(),
                    applySeconds, produceSeconds);

            report.put("rebuild", rebuild(new Rest(URI.create("http://localhost:" + ports.get("query-port") + "/"),
                    json), Caller.of(adminToken, json), timeout));

            progress.println("Baselines: MongoDB bulk writes and single upserts of card-sized documents");
            int baseline = Math.max(BULK, Math.min(50_000, events));
            report.put("bulkUpsertBaseline", Baselines.mongoBulkWrites(mongo, baseline, CARD_BYTES, BULK, false));
            report.put("bulkInsertBaseline", Baselines.mongoBulkWrites(mongo, baseline, CARD_BYTES, BULK, true));
            report.put("upsertBaseline", Baselines.mongoUpserts(mongo, Math.min(baseline, 2_000), CARD_BYTES));
        }
        print(report);
        Path file = Reports.write(Reports.file(options.get("report"), "projection"), report, json);
        out.println("Report: " + file);
        return report;
    }

    /** The documents of each read model the events made, by collection. */
    private static Map<String, Long> documents(String uri) {
        Map<String, Long> documents = new java.util.TreeMap<>();
        try (com.mongodb.client.MongoClient client = com.mongodb.client.MongoClients.create(uri)) {
            var database = client.getDatabase("pipeline");
            for (String name : database.listCollectionNames()) {
                if (!name.startsWith("system.")) {
                    documents.put(name, database.getCollection(name).countDocuments());
                }
            }
        }
        return documents;
    }

    static void createTopic(Admin admin) throws InterruptedException {
        try {
            admin.createTopics(List.of(new NewTopic(Topics.PIPELINE_EVENTS, 6, (short) 1)
                    .configs(Topics.PIPELINE_EVENTS_CONFIG))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create " + Topics.PIPELINE_EVENTS, e.getCause());
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not create " + Topics.PIPELINE_EVENTS + " in 30 s", e);
        }
    }

    /** Waits until query-service's group has committed every event; returns System.nanoTime() then. */
    static long awaitCommitted(Admin admin, long events, Duration timeout, PrintStream progress) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long reported = 0;
        while (System.nanoTime() < deadline) {
            long committed = 0;
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            for (OffsetAndMetadata offset : offsets.values()) {
                committed += offset == null ? 0 : offset.offset();
            }
            if (committed >= events && endsCommitted(admin, offsets)) {
                return System.nanoTime();
            }
            if (committed - reported >= Math.max(1, events / 10)) {
                progress.printf("  %,d of %,d events applied%n", committed, events);
                reported = committed;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("query-service did not apply " + events + " events in " + timeout);
    }

    private static boolean endsCommitted(Admin admin, Map<TopicPartition, OffsetAndMetadata> offsets)
            throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        admin.describeTopics(List.of(Topics.PIPELINE_EVENTS)).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(Topics.PIPELINE_EVENTS).partitions()
                .forEach(p -> latest.put(new TopicPartition(Topics.PIPELINE_EVENTS, p.partition()), OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
        return ends.entrySet().stream().allMatch(end -> {
            OffsetAndMetadata offset = offsets.get(end.getKey());
            return (offset == null ? 0 : offset.offset()) >= end.getValue().offset();
        });
    }

    private Map<String, Object> rebuild(Rest queries, Caller admin, Duration timeout) throws InterruptedException {
        JsonNode started = queries.send(admin, "POST", "admin/rebuild", null, 202).body();
        progress.printf("Rebuilding the read models: %,d events%n", started.path("eventsToApply").asLong());
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode progressNow = started;
        while (progressNow.path("rebuilding").asBoolean(true)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the rebuild did not end in " + timeout);
            }
            Thread.sleep(250);
            progressNow = queries.send(admin, "GET", "admin/rebuild", null, 200).body();
        }
        if (!"DONE".equals(progressNow.path("phase").asString())) {
            throw new IllegalStateException("the rebuild failed: " + progressNow);
        }
        double seconds = Duration.between(Instant.parse(progressNow.path("startedAt").asString()),
                Instant.parse(progressNow.path("finishedAt").asString())).toMillis() / 1000.0;
        Map<String, Object> rebuild = new LinkedHashMap<>();
        rebuild.put("events", progressNow.path("eventsToApply").asLong());
        rebuild.put("seconds", seconds);
        rebuild.put("eventsPerSecond", progressNow.path("eventsToApply").asLong() / seconds);
        rebuild.put("skipped", progressNow.path("eventsSkipped").asLong());
        return rebuild;
    }

    @SuppressWarnings("unchecked")
    private void print(Map<String, Object> report) {
        Map<String, Object> apply = (Map<String, Object>) report.get("apply");
        Map<String, Object> rebuild = (Map<String, Object>) report.get("rebuild");
        Baselines.Result upserts = (Baselines.Result) report.get("bulkUpsertBaseline");
        Baselines.Result inserts = (Baselines.Result) report.get("bulkInsertBaseline");
        Baselines.Result single = (Baselines.Result) report.get("upsertBaseline");
        double applyRate = (Double) apply.get("eventsPerSecond");
        double rebuildRate = (Double) rebuild.get("eventsPerSecond");
        Table table = new Table("figure", "per second", "baseline, same run", "ratio");
        table.row("projections apply the log (" + apply.get("events") + " events)", rate(applyRate),
                upserts.name() + ": " + rate(upserts.perSecond()), ratio(applyRate / upserts.perSecond()));
        table.row("rebuild into new collections and swap", rate(rebuildRate),
                inserts.name() + ": " + rate(inserts.perSecond()), ratio(rebuildRate / inserts.perSecond()));
        table.row("(one upsert at a time)", "", single.name() + ": " + rate(single.perSecond()),
                ratio(applyRate / single.perSecond()));
        out.println();
        out.println("query-service projections, " + apply.get("events") + " synthetic events");
        out.print(table.render());
        out.printf(Locale.ROOT, "read-model documents per event: %.2f %s%n", (Double) apply.get("documentsPerEvent"),
                apply.get("documents"));
    }

    private static String rate(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** Runs the benchmark with {@code --name=value} arguments and returns its report. */
    static Map<String, Object> main(String[] args, PrintStream out, PrintStream progress) throws Exception {
        Map<String, String> values = NamedOptions.parse(args, DEFAULTS, usage(), out);
        if (values == null) {
            return Map.of();
        }
        return new ProjectionBenchmark(values, out, progress).run();
    }
}
