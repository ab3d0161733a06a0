package dev.salespipeline.benchmark;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.salespipeline.api.Topics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How fast query-service answers and how soon it shows a change, measured against a running stack from outside:
 * <ol>
 *   <li>seeding: a pipeline with {@code --deals} open deals (opened over REST by {@code --clients} clients, spread
 *       over the stages and twenty owners) and one deal with {@code --timeline} comments; timed until query-service
 *       shows all of them;</li>
 *   <li>read latency of the board of that pipeline (first page of each column), of the deal card, and of the first
 *       page of the long deal's timeline, each read {@code --reads} times after a warm-up;</li>
 *   <li>the lag from a command's answer to the read model showing it: a deal is moved, then its card is read until
 *       it shows the new version ({@code --lag-samples} times, one at a time);</li>
 *   <li>the lag from a command's answer to the metric updated: a deal is opened in a pipeline of its own, then the
 *       opened-deals metric on Kafka is read until it counts it ({@code --metric-lag-samples} times, one at a time);
 *       while both lags are measured, other clients may move other deals at {@code --background-rate} per second
 *       ({@link BackgroundLoad});</li>
 *   <li>rebuild: the read models rebuilt from the topic, in events per second (skipped with {@code --rebuild=false}).</li>
 * </ol>
 */
public final class QueryBenchmark {

    private static final Duration POLL = Duration.ofMillis(2);
    private static final Duration SEED_TIMEOUT = Duration.ofMinutes(15);
    /** The longest wait for one change to show; a sample that waits longer counts as this long. */
    private static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(30);
    private static final int BASELINE_UPSERTS = 2_000;
    /** Enough bulk writes of {@value #BULK_WRITE_SIZE} for a steady rate. */
    private static final int BASELINE_BULK_WRITES = 20_000;
    /** Documents per bulk write in the bulk baselines, as a batched projection writes them. */
    private static final int BULK_WRITE_SIZE = 1_000;
    /** About the size of a deal card document. */
    private static final int CARD_BYTES = 2_000;

    private final Map<String, String> options;
    private final JsonMapper json = JsonMapper.builder().build();
    private final PrintStream out;
    private final PrintStream progress;
    private final Random random = new Random(42);

    QueryBenchmark(Map<String, String> options, PrintStream out, PrintStream progress) {
        this.options = options;
        this.out = out;
        this.progress = progress;
    }

    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("command-service", "http://localhost:8081/"),
            Map.entry("query-service", "http://localhost:8082/"),
            Map.entry("admin-token", ""),
            Map.entry("deals", "10000"),
            Map.entry("timeline", "500"),
            Map.entry("clients", "8"),
            Map.entry("reads", "300"),
            Map.entry("lag-samples", "200"),
            Map.entry("metric-lag-samples", "100"),
            Map.entry("lag-seconds", "120"),
            Map.entry("background-rate", "0"),
            Map.entry("kafka", "localhost:9092"),
            Map.entry("rebuild", "true"),
            Map.entry("reuse", ""),
            Map.entry("mongo-uri", "mongodb://localhost:27017/pipeline"),
            Map.entry("report", ""));

    static String usage() {
        return """
                Usage: java -jar benchmark.jar query --admin-token=<token> [options]
                  --command-service=<url>   default http://localhost:8081/
                  --query-service=<url>     default http://localhost:8082/
                  --deals=<n>               open deals in the measured pipeline, default 10000
                  --timeline=<n>            comments on the deal whose timeline is read, default 500
                  --clients=<n>             clients that seed the data, default 8
                  --reads=<n>               reads of each kind measured, default 300
                  --lag-samples=<n>         moves whose lag to the read model is measured, default 200
                  --metric-lag-samples=<n>  deals opened one at a time whose lag to the opened-deals metric on Kafka
                                            is measured, default 100 (0: none)
                  --lag-seconds=<n>         at most this long for each of the two lags, default 120 (a change not
                                            shown within 30 s counts as 30 s)
                  --background-rate=<n>     moves per second that other clients send while both lags are measured,
                                            default 0 (no load)
                  --kafka=<servers>         the stack's Kafka, for the metric lag, default localhost:9092
                  --rebuild=<true|false>    rebuild the read models and time it, default true
                  --reuse=<pipelineId>      measure a pipeline seeded by an earlier run (same --deals, --timeline)
                  --mongo-uri=<uri>         the stack's MongoDB, for the baseline of plain upserts in a collection
                                            of its own, default mongodb://localhost:27017/pipeline
                  --report=<file>           JSON report, default benchmark/target/query-<time>.json
                """;
    }

    void run() throws Exception {
        Instant startedAt = Instant.now();
        Rest commands = new Rest(URI.create(slash(options.get("command-service"))), json);
        Rest queries = new Rest(URI.create(slash(options.get("query-service"))), json);
        Caller admin = Caller.of(required("admin-token"), json);
        int deals = number("deals");
        int timeline = number("timeline");
        int clients = number("clients");
        int reads = number("reads");
        boolean reuse = !options.get("reuse").isBlank();
        String pipelineId = reuse ? options.get("reuse") : "bench-q-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> stages = List.of("lead", "qualified", "proposal-sent", "negotiation");
        long seedStart = System.nanoTime();
        List<String> dealIds = new ArrayList<>();
        for (int i = 0; i < deals; i++) {
            dealIds.add("deal-" + pipelineId + "-" + i);
        }
        String longDeal = dealIds.get(0);
        if (!reuse) {
            commands.send(admin, "POST", "pipelines/template", Map.of("pipelineId", pipelineId), 201);
            seed(commands, admin, pipelineId, dealIds, stages, clients);
            parallel(clients, timeline, i -> commands.send(admin, "POST", "deals/" + longDeal + "/comments",
                    Map.of("text", "Note " + i + ": " + "x".repeat(80)), 200));
        }
        long seeded = System.nanoTime();
        progress.printf("Seeded %d deals and %d comments in %.1f s; waiting for query-service%n", deals, timeline,
                seconds(seeded - seedStart));
        awaitVisible(queries, admin, pipelineId, deals, longDeal, timeline);
        long visible = System.nanoTime();
        progress.printf("query-service shows everything %.1f s after the last command was answered%n",
                seconds(visible - seeded));

        Map<String, Stats> latencies = new LinkedHashMap<>();
        latencies.put("board (" + deals + " open deals, 50 cards per column)",
                reads(queries, admin, "pipelines/" + pipelineId + "/board?size=50", reads));
        latencies.put("deal card", reads(queries, admin, "deals/" + longDeal, reads));
        latencies.put("timeline, first page of " + (timeline + 1) + " entries",
                reads(queries, admin, "deals/" + longDeal + "/timeline?size=50", reads));
        // Deals opened in the first two stages (every fourth and the one after), which have no exit requirement the
        // seeded deals miss, move between lead and qualified: every other pair is sampled, the rest carry the load.
        Map<String, String> sampled = new LinkedHashMap<>();
        Map<String, String> loaded = new LinkedHashMap<>();
        for (int i = 4; i + 1 < dealIds.size(); i += 4) {
            if (i % 8 == 4) {
                sampled.put(dealIds.get(i), stages.get(0));
                sampled.put(dealIds.get(i + 1), stages.get(1));
            } else {
                loaded.put(dealIds.get(i), stages.get(0));
                loaded.put(dealIds.get(i + 1), stages.get(1));
            }
        }
        if (reuse) {
            // An earlier run has moved some of them: their cards (all shown by now) tell where they are.
            for (String dealId : sampled.keySet().stream().limit(number("lag-samples")).toList()) {
                sampled.put(dealId, queries.send(admin, "GET", "deals/" + dealId, null, 200).body()
                        .path("stageId").asString());
            }
        }
        double backgroundRate = Double.parseDouble(options.get("background-rate"));
        Stats lag;
        Stats metricLag;
        Map<String, Object> lagOutcome = new LinkedHashMap<>();
        progress.printf(Locale.ROOT, "Measuring the lags%s%n", backgroundRate > 0
                ? String.format(Locale.ROOT, " while other clients move deals at %.0f/s", backgroundRate) : "");
        BackgroundLoad load = BackgroundLoad.start(commands, admin, loaded, backgroundRate, clients);
        try {
            Duration budget = Duration.ofSeconds(number("lag-seconds"));
            lag = lag(commands, queries, admin, sampled, number("lag-samples"), budget, lagOutcome);
            metricLag = metricLag(commands, admin, pipelineId + "-m" + UUID.randomUUID().toString().substring(0, 4),
                    number("metric-lag-samples"), budget, lagOutcome);
        } finally {
            load.close();
        }
        Map<String, Object> background = load.describe();

        Map<String, Object> rebuild = Boolean.parseBoolean(options.get("rebuild")) ? rebuild(queries, admin) : null;
        progress.printf("Baseline: %d plain upserts of %d-byte documents into %s%n", BASELINE_UPSERTS,
                CARD_BYTES, options.get("mongo-uri"));
        Baselines.Result upserts = Baselines.mongoUpserts(options.get("mongo-uri"), BASELINE_UPSERTS, CARD_BYTES);
        progress.printf("Baseline: %d card-sized upserts and inserts in unordered bulk writes of %d%n",
                BASELINE_BULK_WRITES, BULK_WRITE_SIZE);
        Baselines.Result bulkUpserts = Baselines.mongoBulkWrites(options.get("mongo-uri"), BASELINE_BULK_WRITES,
                CARD_BYTES, BULK_WRITE_SIZE, false);
        Baselines.Result bulkInserts = Baselines.mongoBulkWrites(options.get("mongo-uri"), BASELINE_BULK_WRITES,
                CARD_BYTES, BULK_WRITE_SIZE, true);

        Table table = new Table("read, ms", "count", "median", "p99", "max");
        latencies.forEach((name, stats) -> table.row(name, stats.count(), ms(stats.median()), ms(stats.p99()),
                ms(stats.max())));
        table.row("command answered -> card shows it", lag.count(), ms(lag.median()), ms(lag.p99()), ms(lag.max()));
        if (metricLag != null) {
            table.row("deal opened -> " + Topics.METRICS_OPENED_DEALS + " counts it", metricLag.count(),
                    ms(metricLag.median()), ms(metricLag.p99()), ms(metricLag.max()));
        }
        out.println();
        out.println("query-service, pipeline " + pipelineId);
        out.print(table.render());
        if (backgroundRate > 0) {
            out.printf(Locale.ROOT, "lags measured while other clients moved deals: %.1f commands/s answered "
                    + "(asked for %.0f/s)%n", (Double) background.get("achievedCommandsPerSecond"), backgroundRate);
            if (background.get("commandRoundTripMicros") instanceof Stats moves) {
                out.printf(Locale.ROOT, "their command latency: median %s, p99 %s, max %s ms (%d moves)%n",
                        ms(moves.median()), ms(moves.p99()), ms(moves.max()), moves.count());
            }
        }
        out.printf(Locale.ROOT, "seeding: %d deals + %d comments in %.1f s; all visible %.1f s after the last answer%n",
                deals, timeline, seconds(seeded - seedStart), seconds(visible - seeded));
        if (rebuild != null) {
            out.printf(Locale.ROOT, "rebuild: %s events in %.1f s = %.0f events/s%n", rebuild.get("events"),
                    (Double) rebuild.get("seconds"), (Double) rebuild.get("eventsPerSecond"));
        }
        out.printf(Locale.ROOT, "baseline: %s, %d-byte documents: %.0f/s, median %s ms, p99 %s ms%n",
                upserts.name(), CARD_BYTES, upserts.perSecond(), ms(upserts.latencyMicros().median()),
                ms(upserts.latencyMicros().p99()));
        out.printf(Locale.ROOT, "baseline: %s, %d-byte documents: %.0f/s%n", bulkUpserts.name(), CARD_BYTES,
                bulkUpserts.perSecond());
        out.printf(Locale.ROOT, "baseline: %s, %d-byte documents: %.0f/s%n", bulkInserts.name(), CARD_BYTES,
                bulkInserts.perSecond());
        if (rebuild != null) {
            double rate = (Double) rebuild.get("eventsPerSecond");
            out.printf(Locale.ROOT, "rebuild events/s over baseline upserts/s: %.3f, over bulk upserts/s: %.3f, over "
                    + "bulk inserts/s: %.3f (each event is written by every projection it concerns)%n",
                    rate / upserts.perSecond(), rate / bulkUpserts.perSecond(), rate / bulkInserts.perSecond());
        }
        out.printf(Locale.ROOT, "card read median over baseline upsert median: %.1f%n",
                (double) latencies.get("deal card").median() / Math.max(1, upserts.latencyMicros().median()));

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "query");
        report.put("startedAt", startedAt.toString());
        report.put("settings", Map.of("deals", deals, "timeline", timeline, "clients", clients, "reads", reads));
        report.put("latencyMicros", latencies);
        report.put("commandToReadModelMicros", lag);
        report.put("commandToMetricMicros", metricLag);
        report.put("lagTimeouts", lagOutcome);
        report.put("backgroundLoad", background);
        report.put("seedSeconds", seconds(seeded - seedStart));
        report.put("visibleAfterSeedSeconds", seconds(visible - seeded));
        report.put("rebuild", rebuild);
        report.put("baseline", upserts);
        report.put("bulkUpsertBaseline", bulkUpserts);
        report.put("bulkInsertBaseline", bulkInserts);
        Path file = Reports.write(Reports.file(options.get("report"), "query"), report, json);
        out.println("Report: " + file);
    }

    private void seed(Rest commands, Caller admin, String pipelineId, List<String> ids, List<String> stages,
                      int clients) throws Exception {
        AtomicInteger done = new AtomicInteger();
        parallel(clients, ids.size(), i -> {
            int owner;
            String amount;
            synchronized (random) {
                owner = random.nextInt(20);
                amount = (1_000 + random.nextInt(99_000)) + ".00";
            }
            commands.send(admin, "POST", "deals", Map.of("dealId", ids.get(i), "pipelineId", pipelineId,
                    "stageId", stages.get(i % stages.size()), "title", "Deal " + i + " for Company " + (i % 997),
                    "ownerId", "rep-" + owner, "teamId", "team-" + (owner % 4), "amount", amount,
                    "currency", "EUR"), 201);
            int count = done.incrementAndGet();
            if (count % 1000 == 0) {
                progress.printf("  %d deals opened%n", count);
            }
        });
    }

    private void awaitVisible(Rest queries, Caller admin, String pipelineId, int deals, String longDeal, int timeline)
            throws InterruptedException {
        long deadline = System.nanoTime() + SEED_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            // Until query-service has applied the pipeline's and the deal's first events, they are unknown (404).
            Rest.Response board = queries.get(admin, "pipelines/" + pipelineId + "/board?size=1");
            Rest.Response entries = queries.get(admin, "deals/" + longDeal + "/timeline?size=1");
            if (board.status() == 200 && entries.status() == 200
                    && board.body().path("totalDeals").asLong() >= deals
                    && entries.body().path("total").asLong() >= timeline + 1) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("query-service did not show the seeded data within " + SEED_TIMEOUT);
    }

    private Stats reads(Rest queries, Caller admin, String path, int count) {
        for (int i = 0; i < Math.max(20, count / 5); i++) {
            queries.send(admin, "GET", path, null, 200);
        }
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            Rest.Response response = queries.send(admin, "GET", path, null, 200);
            micros.add((response.receivedNanos() - start) / 1_000);
        }
        return Stats.of(micros);
    }

    /**
     * Moves deals one at a time, each timed from its command's answer until its card shows the new version. Stops
     * after {@code samples} moves or once {@code budget} is spent; a card that does not show its move within
     * {@link #SAMPLE_TIMEOUT} counts as that long and as timed out.
     */
    private Stats lag(Rest commands, Rest queries, Caller admin, Map<String, String> movable, int samples,
                      Duration budget, Map<String, Object> outcome) throws InterruptedException {
        List<Long> micros = new ArrayList<>();
        List<String> deals = List.copyOf(movable.keySet());
        long end = System.nanoTime() + budget.toNanos();
        int timedOut = 0;
        for (int i = 0; i < samples && (i == 0 || System.nanoTime() < end); i++) {
            String dealId = deals.get(i % deals.size());
            String target = "lead".equals(movable.get(dealId)) ? "qualified" : "lead";
            Rest.Response moved = commands.send(admin, "PUT", "deals/" + dealId + "/stage", Map.of("stageId", target),
                    200);
            movable.put(dealId, target);
            long version = moved.body().path("version").asLong();
            while (true) {
                Rest.Response read = queries.send(admin, "GET", "deals/" + dealId, null, 200);
                long waited = read.receivedNanos() - moved.receivedNanos();
                if (read.body().path("version").asLong() >= version) {
                    micros.add(Math.max(0, waited) / 1_000);
                    break;
                }
                if (waited > SAMPLE_TIMEOUT.toNanos()) {
                    micros.add(SAMPLE_TIMEOUT.toNanos() / 1_000);
                    timedOut++;
                    break;
                }
                Thread.sleep(POLL.toMillis());
            }
        }
        outcome.put("commandToReadModelTimedOut", timedOut);
        return Stats.of(micros);
    }

    /**
     * Opens deals one at a time in a pipeline of their own, each timed from its command's answer until the pipeline's
     * opened-deals metric, read committed from Kafka, counts it.
     */
    private Stats metricLag(Rest commands, Caller admin, String pipelineId, int samples, Duration budget,
                            Map<String, Object> outcome) {
        if (samples <= 0) {
            return null;
        }
        commands.send(admin, "POST", "pipelines/template", Map.of("pipelineId", pipelineId), 201);
        List<Long> micros = new ArrayList<>(samples);
        try (OpenedDealsWatch watch = OpenedDealsWatch.fromEnd(options.get("kafka"), json)) {
            long end = System.nanoTime() + budget.toNanos();
            int timedOut = 0;
            for (int i = 1; i <= samples && (i == 1 || System.nanoTime() < end); i++) {
                Rest.Response opened = commands.send(admin, "POST", "deals", Map.of("dealId", "deal-" + pipelineId + "-" + i,
                        "pipelineId", pipelineId, "stageId", "lead", "title", "Deal " + i, "ownerId", "rep-1",
                        "teamId", "team-1", "amount", "1000.00", "currency", "EUR"), 201);
                long deadline = opened.receivedNanos() + SAMPLE_TIMEOUT.toNanos();
                long seen = watch.awaitCount(pipelineId, i, deadline);
                if (seen < 0) {
                    seen = deadline;
                    timedOut++;
                }
                micros.add(Math.max(0, seen - opened.receivedNanos()) / 1_000);
            }
            outcome.put("commandToMetricTimedOut", timedOut);
        }
        return Stats.of(micros);
    }

    private Map<String, Object> rebuild(Rest queries, Caller admin) throws InterruptedException {
        long start = System.nanoTime();
        JsonNode started = queries.send(admin, "POST", "admin/rebuild", null, 202).body();
        long events = started.path("eventsToApply").asLong();
        progress.printf("Rebuilding the read models: %d events%n", events);
        while (queries.send(admin, "GET", "admin/rebuild", null, 200).body().path("rebuilding").asBoolean()) {
            Thread.sleep(50);
        }
        double seconds = seconds(System.nanoTime() - start);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("events", events);
        result.put("seconds", seconds);
        result.put("eventsPerSecond", events / seconds);
        return result;
    }

    private interface Task {
        void run(int index) throws Exception;
    }

    private static void parallel(int threads, int count, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<Object>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        task.run(i);
                    }
                    return null;
                }));
            }
            for (Future<Object> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private String required(String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private int number(String name) {
        return Integer.parseInt(options.get(name));
    }

    private static String slash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.1f", micros / 1000.0);
    }

    static void main(String[] args, PrintStream out, PrintStream progress) throws Exception {
        Map<String, String> values = NamedOptions.parse(args, DEFAULTS, usage(), out);
        if (values == null) {
            return;
        }
        new QueryBenchmark(values, out, progress).run();
    }
}
