package dev.salespipeline.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole benchmark in one run, on the local stack: starts the stack from the repository's jars in a data directory
 * of its own (timing its start and adding up its resident memory), then measures
 * <ol>
 *   <li>publication ({@link PublicationBenchmark}): commands per second from one client and from {@code --clients},
 *       command latency, command answered to record on Kafka, next to single-row JDBC inserts and plain Kafka round
 *       trips;</li>
 *   <li>the query side ({@link QueryBenchmark}) at each of {@code --query-sizes} open deals: board, card and
 *       timeline reads, how soon the seeded data shows, and the lags from command to read model and to metric, at
 *       the smaller size with no other load and at the larger one while other clients send half the commands per
 *       second measured in step 1; the read models rebuilt at the smaller size; plain MongoDB upserts as the
 *       baseline;</li>
 *   <li>a sales organisation at work ({@link LoadBenchmark});</li>
 *   <li>the resident memory of the stack after all that; then the stack is stopped;</li>
 *   <li>the analytics replay ({@link StreamsBenchmark}, a broker of its own) at each of {@code --stream-events},
 *       next to a pass-through topology.</li>
 * </ol>
 * Each step writes its own JSON report into the run's directory; this one gathers every figure with its baseline,
 * ratio and target into {@code report.json} and {@code report.md} there.
 */
final class Suite {

    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("stack", "start"),
            Map.entry("repo-root", "."),
            Map.entry("data-dir", ""),
            Map.entry("out", ""),
            Map.entry("kafka-port", "9092"),
            Map.entry("postgres-port", "5432"),
            Map.entry("mongo-port", "27017"),
            Map.entry("command-port", "8081"),
            Map.entry("query-port", "8082"),
            Map.entry("analytics-port", "8083"),
            Map.entry("clients", "8"),
            Map.entry("deals", "80"),
            Map.entry("moves", "1000"),
            Map.entry("warm-up-moves", "300"),
            Map.entry("query-sizes", "1000,5000"),
            Map.entry("timeline", "200"),
            Map.entry("reads", "100"),
            Map.entry("lag-samples", "100"),
            Map.entry("metric-lag-samples", "50"),
            Map.entry("lag-seconds", "45"),
            Map.entry("load-deals", "120"),
            Map.entry("load-actions", "1200"),
            Map.entry("stream-events", "2000,10000"),
            Map.entry("projection-events", "200000"),
            Map.entry("stream-lag-samples", "50"));

    static String usage() {
        return """
                Usage: java -jar benchmark/target/benchmark.jar all [options]
                Starts the local stack from the repository's jars (build them first: ./mvnw -DskipTests package), runs
                every benchmark against it and writes one report (report.json, report.md) with each figure next to
                its baseline, their ratio and the target.
                  --stack=<start|running>   start a stack of its own (default), or measure one already running on
                                            the ports below; startup time and memory are only measured when started
                  --repo-root=<dir>         the repository, default .
                  --data-dir=<dir>          the stack's data directory; default <out>/stack when started, ./data
                                            when running (its key signs the tokens)
                  --out=<dir>               where the reports go, default benchmark/target/all-<local time>
                  --kafka-port, --postgres-port, --mongo-port, --command-port, --query-port, --analytics-port
                                            the stack's ports, default 9092 5432 27017 8081 8082 8083
                  --clients=<n>             concurrent clients, default 8
                  --deals=<n> --moves=<n> --warm-up-moves=<n>
                                            publication: deals and moves per run, warm-up; default 80, 1000, 300
                  --query-sizes=<a,b>       open deals in the query benchmark's two runs, default 1000,5000
                  --timeline=<n> --reads=<n>
                                            comments on the deal whose timeline is read, reads of each kind;
                                            default 200, 100
                  --lag-samples=<n> --metric-lag-samples=<n> --lag-seconds=<n>
                                            samples of the lag to the read model and to the metric, and the most
                                            time each of them may take; default 100, 50, 45
                  --load-deals=<n> --load-actions=<n>
                                            the sales organisation's deals and actions, default 120, 1200
                  --stream-events=<a,b>     events of the two analytics replays, default 2000,10000
                  --stream-lag-samples=<n>  deals opened one at a time after each replay, default 50
                  --projection-events=<n>   synthetic events query-service applies, then rebuilds, on a stack of
                                            query-service alone, default 200000
                """;
    }

    private final Map<String, String> options;
    private final PrintStream out;
    private final PrintStream progress;
    private final JsonMapper json = JsonMapper.builder().build();

    Suite(Map<String, String> options, PrintStream out, PrintStream progress) {
        this.options = options;
        this.out = out;
        this.progress = progress;
    }

    static void main(String[] args, PrintStream out, PrintStream progress) throws Exception {
        Map<String, String> values = NamedOptions.parse(args, DEFAULTS, usage(), out);
        if (values == null) {
            return;
        }
        new Suite(values, out, progress).run();
    }

    /** Runs every step and returns the combined report's file. */
    Path run() throws Exception {
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        Path repoRoot = Path.of(options.get("repo-root")).toAbsolutePath().normalize();
        Path dir = Path.of(options.get("out").isBlank()
                ? "benchmark/target/all-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                : options.get("out")).toAbsolutePath().normalize();
        int[] querySizes = pair("query-sizes");
        int[] streamEvents = pair("stream-events");
        boolean start = switch (options.get("stack")) {
            case "start" -> true;
            case "running" -> false;
            default -> throw new IllegalArgumentException("--stack must be start or running, got "
                    + options.get("stack"));
        };
        Path dataDir = options.get("data-dir").isBlank() ? (start ? dir.resolve("stack") : repoRoot.resolve("data"))
                : Path.of(options.get("data-dir")).toAbsolutePath().normalize();
        int clients = number("clients");
        String commandService = "http://localhost:" + number("command-port") + "/";
        String queryService = "http://localhost:" + number("query-port") + "/";
        String kafka = "localhost:" + number("kafka-port");
        Files.createDirectories(dir);

        Map<String, Object> stack = new LinkedHashMap<>();
        Map<String, JsonNode> reports = new LinkedHashMap<>();
        LocalStackProcess process = null;
        try {
            if (start) {
                Map<String, Integer> ports = new LinkedHashMap<>();
                for (String port : List.of("kafka-port", "postgres-port", "mongo-port", "command-port", "query-port",
                        "analytics-port")) {
                    ports.put(port, number(port));
                }
                process = LocalStackProcess.start(repoRoot, dataDir, ports, Duration.ofMinutes(5), progress);
                stack.put("startSeconds", process.startSeconds());
                stack.put("launcherReportedStartSeconds", process.reportedStartSeconds());
                stack.put("launcherReportedResidentMiB", process.residentMiBAtStart());
                Map<String, Long> memory = process.memoryMiBNow();
                stack.put("memoryMiBAtStart", memory);
                stack.put("residentMiBAtStart", memory.get("total"));
                progress.printf(Locale.ROOT, "Stack up in %.1f s, %,d MiB%n", process.startSeconds(),
                        memory.get("total"));
            }
            String admin = LocalStackProcess.token(repoRoot, dataDir, "ada");
            String rep = LocalStackProcess.token(repoRoot, dataDir, "anna");

            step("publication");
            Path publication = dir.resolve("publication.json");
            new PublicationBenchmark(BenchmarkOptions.parse("--command-service=" + commandService, "--kafka=" + kafka,
                    "--admin-token=" + admin, "--rep-token=" + rep, "--deals=" + number("deals"),
                    "--moves=" + number("moves"), "--clients=" + clients,
                    "--warm-up-moves=" + number("warm-up-moves"), "--runs=sequential,concurrent,baselines",
                    "--postgres-url=jdbc:postgresql://localhost:" + number("postgres-port") + "/pipeline",
                    "--report=" + publication), out, progress).run();
            reports.put("publication", read(publication));
            double maxRate = concurrent(reports.get("publication")).path("commandsPerSecond").asDouble();
            double halfRate = Math.floor(maxRate / 2);

            for (int i = 0; i < querySizes.length; i++) {
                int size = querySizes[i];
                boolean first = i == 0;
                step("query, " + size + " open deals" + (first ? ", no other load, rebuilt"
                        : ", lags at half the maximum load (" + (int) halfRate + " commands/s)"));
                Path query = dir.resolve("query-" + size + ".json");
                QueryBenchmark.main(new String[] {"--command-service=" + commandService,
                        "--query-service=" + queryService, "--kafka=" + kafka, "--admin-token=" + admin,
                        "--deals=" + size, "--timeline=" + number("timeline"), "--clients=" + clients,
                        "--reads=" + number("reads"), "--lag-samples=" + number("lag-samples"),
                        "--metric-lag-samples=" + number("metric-lag-samples"),
                        "--lag-seconds=" + number("lag-seconds"),
                        "--background-rate=" + (first ? 0 : halfRate), "--rebuild=" + first,
                        "--mongo-uri=mongodb://localhost:" + number("mongo-port") + "/pipeline",
                        "--report=" + query}, out, progress);
                reports.put("query-" + size, read(query));
            }

            step("a sales organisation at work");
            Path load = dir.resolve("load.json");
            LoadBenchmark.main(new String[] {"--command-service=" + commandService, "--kafka=" + kafka,
                    "--admin-token=" + admin, "--deals=" + number("load-deals"),
                    "--actions=" + number("load-actions"), "--clients=" + clients, "--report=" + load}, out,
                    progress);
            reports.put("load", read(load));
        } finally {
            if (process != null) {
                Map<String, Long> memory = process.memoryMiBNow();
                stack.put("memoryMiBAfterLoad", memory);
                stack.put("residentMiBAfterLoad", memory.get("total"));
                progress.println("Stopping the local stack");
                process.close();
            }
        }

        step("projections, " + number("projection-events") + " events, query-service alone");
        Path projection = dir.resolve("projection.json");
        List<String> projectionOptions = new ArrayList<>(List.of("--events=" + number("projection-events"),
                "--repo-root=" + repoRoot, "--data-dir=" + dir.resolve("projection-stack"), "--report=" + projection));
        if (start) {
            // The suite's stack has stopped: its ports are free. (A running stack keeps them; the step then takes
            // its own defaults.)
            projectionOptions.addAll(List.of("--kafka-port=" + number("kafka-port"),
                    "--postgres-port=" + number("postgres-port"), "--mongo-port=" + number("mongo-port"),
                    "--query-port=" + number("query-port")));
        }
        ProjectionBenchmark.main(projectionOptions.toArray(String[]::new), out, progress);
        reports.put("projection", read(projection));

        for (int events : streamEvents) {
            step("analytics replay, " + events + " events");
            Path streams = dir.resolve("streams-" + events + ".json");
            StreamsBenchmark.main(new String[] {"--events=" + events,
                    "--lag-samples=" + number("stream-lag-samples"), "--report=" + streams}, out, progress);
            reports.put("streams-" + events, read(streams));
        }

        Summary summary = new Summary(reports, stack, querySizes, streamEvents);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "all");
        report.put("startedAt", startedAt.toString());
        report.put("totalSeconds", (System.nanoTime() - started) / 1e9);
        report.put("machine", Machine.describe());
        report.put("settings", options);
        report.put("stack", stack);
        report.put("figures", summary.figures());
        report.put("scaling", summary.scaling());
        report.put("reports", reports);
        Path file = Reports.write(dir.resolve("report.json"), report, json);
        String markdown = summary.markdown(Machine.describe(), startedAt, (System.nanoTime() - started) / 1e9);
        Files.writeString(dir.resolve("report.md"), markdown);
        out.println();
        out.print(markdown);
        out.println("Report: " + file + " and " + dir.resolve("report.md"));
        return file;
    }

    private void step(String name) {
        progress.println();
        progress.println("== " + name);
    }

    private JsonNode read(Path file) throws IOException {
        return json.readTree(Files.readString(file));
    }

    /** The concurrent live run of a publication report. */
    static JsonNode concurrent(JsonNode publication) {
        for (JsonNode run : publication.path("live")) {
            if (run.path("clients").asInt() > 1) {
                return run;
            }
        }
        throw new IllegalStateException("the publication report has no concurrent run");
    }

    private int number(String name) {
        try {
            int value = Integer.parseInt(options.get(name).trim());
            if (value < 0) {
                throw new IllegalArgumentException("--" + name + " must not be negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got " + options.get(name), e);
        }
    }

    private int[] pair(String name) {
        try {
            int[] values = Arrays.stream(options.get(name).split(",")).map(String::trim)
                    .mapToInt(Integer::parseInt).toArray();
            if (values.length != 2 || values[0] <= 0 || values[1] <= values[0]) {
                throw new IllegalArgumentException("--" + name + " must be two sizes, the smaller first, got "
                        + options.get(name));
            }
            return values;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be two numbers, got " + options.get(name), e);
        }
    }

    /** The machine the run was on. */
    static final class Machine {

        private Machine() {
        }

        static Map<String, Object> describe() {
            Map<String, Object> machine = new LinkedHashMap<>();
            machine.put("processors", Runtime.getRuntime().availableProcessors());
            machine.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
            String memory = firstValue(Path.of("/proc/meminfo"), "MemTotal");
            machine.put("memoryGiB", memory == null ? null
                    : Math.round(Long.parseLong(memory.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0 * 10) / 10.0);
            machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
            machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
            return machine;
        }

        private static String firstValue(Path file, String key) {
            try {
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith(key)) {
                        return line.substring(line.indexOf(':') + 1).trim();
                    }
                }
            } catch (IOException e) {
                // not Linux: unknown
            }
            return null;
        }
    }

    /** Every figure of the run with its baseline, their ratio and the target, gathered from the steps' reports. */
    static final class Summary {

        private final Map<String, JsonNode> reports;
        private final Map<String, Object> stack;
        private final int[] querySizes;
        private final int[] streamEvents;
        private final List<Map<String, Object>> figures = new ArrayList<>();
        private final List<Map<String, Object>> scaling = new ArrayList<>();

        Summary(Map<String, JsonNode> reports, Map<String, Object> stack, int[] querySizes, int[] streamEvents) {
            this.reports = reports;
            this.stack = stack;
            this.querySizes = querySizes;
            this.streamEvents = streamEvents;
            gather();
        }

        List<Map<String, Object>> figures() {
            return figures;
        }

        List<Map<String, Object>> scaling() {
            return scaling;
        }

        private void gather() {
            JsonNode publication = reports.get("publication");
            JsonNode sequential = publication.path("live").path(0);
            JsonNode concurrent = concurrent(publication);
            int clients = concurrent.path("clients").asInt();
            JsonNode inserts1 = baseline(publication, "PostgreSQL", 1);
            JsonNode insertsN = baseline(publication, "PostgreSQL", clients);
            JsonNode kafka = baseline(publication, "Kafka", 1);
            rate("commands/s, 1 client", sequential.path("commandsPerSecond").asDouble(),
                    "single-row inserts/s, 1 connection", inserts1.path("perSecond").asDouble(), null);
            rate("commands/s, " + clients + " clients", concurrent.path("commandsPerSecond").asDouble(),
                    "single-row inserts/s, " + clients + " connections", insertsN.path("perSecond").asDouble(),
                    "at least 1,000/s and 0.25 of the inserts");
            latency("command latency, " + clients + " clients", concurrent.path("commandRoundTripMicros"),
                    "single-row insert, " + clients + " connections", insertsN.path("latencyMicros"), null);
            latency("command answered -> event on Kafka, " + clients + " clients",
                    concurrent.path("commandToRecordMicros"), "plain producer -> consumer round trip",
                    kafka.path("latencyMicros"), null);

            JsonNode small = reports.get("query-" + querySizes[0]);
            JsonNode large = reports.get("query-" + querySizes[1]);
            JsonNode upserts = small.path("baseline");
            latency("command answered -> read model, no other load", small.path("commandToReadModelMicros"),
                    "plain MongoDB upsert", upserts.path("latencyMicros"), null);
            latency("command answered -> read model, at "
                            + Math.round(large.path("backgroundLoad").path("targetCommandsPerSecond").asDouble())
                            + " commands/s (half the maximum)", large.path("commandToReadModelMicros"),
                    "plain MongoDB upsert", upserts.path("latencyMicros"), "p99 under 200 ms");
            latency("command latency at " + Math.round(large.path("backgroundLoad").path("targetCommandsPerSecond")
                            .asDouble()) + " commands/s (half the maximum)",
                    large.path("backgroundLoad").path("commandRoundTripMicros"),
                    "single-row insert, " + clients + " connections", insertsN.path("latencyMicros"), "p99 under 50 ms");
            latency("command answered -> metric on Kafka, no other load", small.path("commandToMetricMicros"),
                    "plain producer -> consumer round trip", kafka.path("latencyMicros"), null);
            latency("command answered -> metric on Kafka, at half the maximum load",
                    large.path("commandToMetricMicros"), "plain producer -> consumer round trip",
                    kafka.path("latencyMicros"), "p99 under 1 s");
            for (int size : querySizes) {
                JsonNode query = reports.get("query-" + size);
                JsonNode latencies = query.path("latencyMicros");
                latencies.propertyNames().forEach(read -> latency("read: " + read, latencies.path(read),
                        "plain MongoDB upsert", upserts.path("latencyMicros"),
                        read.startsWith("board") && size >= 10_000 ? "p99 under 50 ms" : null));
            }
            JsonNode rebuild = small.path("rebuild");
            rate("read-model rebuild, events/s (" + rebuild.path("events").asLong() + " events)",
                    rebuild.path("eventsPerSecond").asDouble(), "MongoDB bulk inserts/s, 1,000 per call",
                    small.path("bulkInsertBaseline").path("perSecond").asDouble(), "at least 0.5 of bulk inserts");
            rate("read-model rebuild over bulk upserts, events/s", rebuild.path("eventsPerSecond").asDouble(),
                    "MongoDB bulk upserts/s, 1,000 per call", small.path("bulkUpsertBaseline").path("perSecond")
                            .asDouble(), "projection: at least 0.5 of bulk upserts");
            JsonNode projection = reports.get("projection");
            rate("projections apply the log, events/s (" + projection.path("apply").path("events").asLong()
                            + " events, query-service alone)", projection.path("apply").path("eventsPerSecond").asDouble(),
                    "MongoDB bulk upserts/s, 1,000 per call", projection.path("bulkUpsertBaseline").path("perSecond")
                            .asDouble(), "at least 0.5 of bulk upserts");
            rate("read-model rebuild into new collections, events/s (" + projection.path("rebuild").path("events")
                            .asLong() + " events)", projection.path("rebuild").path("eventsPerSecond").asDouble(),
                    "MongoDB bulk inserts/s, 1,000 per call", projection.path("bulkInsertBaseline").path("perSecond")
                            .asDouble(), "at least 0.5 of bulk inserts");
            JsonNode load = reports.get("load");
            rate("sales organisation at work, requests/s", load.path("requestsPerSecond").asDouble(), null, 0, null);
            for (int events : streamEvents) {
                JsonNode streams = reports.get("streams-" + events);
                rate("analytics replay, events/s, one stream thread (" + events + " events)",
                        streams.path("full").path("eventsPerSecond").asDouble(), "pass-through topology",
                        streams.path("passThrough").path("eventsPerSecond").asDouble(),
                        "at least 50,000/s and 0.3 of the pass-through");
            }
            JsonNode lastStreams = reports.get("streams-" + streamEvents[1]);
            latency("event -> metric, analytics alone", lastStreams.path("eventToMetricMicros"),
                    "plain producer -> consumer round trip", kafka.path("latencyMicros"), null);
            if (stack.containsKey("startSeconds")) {
                value("local stack start, s", (Double) stack.get("startSeconds"), "under 30 s");
                value("local stack memory at start (proportional set sizes), MiB",
                        ((Number) stack.get("residentMiBAtStart")).doubleValue(), "under 2,560 MiB");
                value("local stack memory after the load (proportional set sizes), MiB",
                        ((Number) stack.get("residentMiBAfterLoad")).doubleValue(), "under 2,560 MiB");
            }

            for (int size : querySizes) {
                JsonNode query = reports.get("query-" + size);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("openDeals", size);
                JsonNode latencies = query.path("latencyMicros");
                latencies.propertyNames().forEach(read -> {
                    if (read.startsWith("board")) {
                        row.put("boardP99Ms", latencies.path(read).path("p99").asLong() / 1000.0);
                    } else if (read.equals("deal card")) {
                        row.put("cardP99Ms", latencies.path(read).path("p99").asLong() / 1000.0);
                    }
                });
                row.put("seedCommandsPerSecond", size / query.path("seedSeconds").asDouble());
                row.put("visibleAfterSeedSeconds", query.path("visibleAfterSeedSeconds").asDouble());
                scaling.add(row);
            }
            for (int events : streamEvents) {
                JsonNode streams = reports.get("streams-" + events);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("events", events);
                row.put("deals", streams.path("input").path("deals").asLong());
                row.put("fullEventsPerSecond", streams.path("full").path("eventsPerSecond").asDouble());
                row.put("passThroughEventsPerSecond", streams.path("passThrough").path("eventsPerSecond").asDouble());
                row.put("ratio", streams.path("fullToPassThroughRatio").asDouble());
                scaling.add(row);
            }
        }

        private static JsonNode baseline(JsonNode publication, String prefix, int clients) {
            for (JsonNode baseline : publication.path("baselines")) {
                if (baseline.path("name").asString().startsWith(prefix) && baseline.path("clients").asInt() == clients) {
                    return baseline;
                }
            }
            throw new IllegalStateException("the publication report has no baseline " + prefix + " with " + clients
                    + " client(s)");
        }

        private void rate(String figure, double system, String baseline, double baselineValue, String target) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("figure", figure);
            row.put("kind", "rate");
            row.put("system", system);
            row.put("baseline", baseline);
            row.put("baselineValue", baseline == null ? null : baselineValue);
            row.put("ratio", baseline == null || baselineValue == 0 ? null : system / baselineValue);
            row.put("target", target);
            figures.add(row);
        }

        private void latency(String figure, JsonNode system, String baseline, JsonNode baselineStats, String target) {
            if (system.isMissingNode() || system.isNull()) {
                return;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("figure", figure);
            row.put("kind", "latency");
            row.put("count", system.path("count").asInt());
            row.put("medianMs", system.path("median").asLong() / 1000.0);
            row.put("p99Ms", system.path("p99").asLong() / 1000.0);
            row.put("maxMs", system.path("max").asLong() / 1000.0);
            row.put("baseline", baseline);
            row.put("baselineMedianMs", baselineStats.path("median").asLong() / 1000.0);
            row.put("baselineP99Ms", baselineStats.path("p99").asLong() / 1000.0);
            long baselineP99 = baselineStats.path("p99").asLong();
            row.put("ratio", baselineP99 == 0 ? null : (double) system.path("p99").asLong() / baselineP99);
            row.put("target", target);
            figures.add(row);
        }

        private void value(String figure, double system, String target) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("figure", figure);
            row.put("kind", "value");
            row.put("system", system);
            row.put("target", target);
            figures.add(row);
        }

        String markdown(Map<String, Object> machine, Instant startedAt, double seconds) {
            StringBuilder text = new StringBuilder();
            text.append(String.format(Locale.ROOT, "Benchmark of %s on %s processors (%s), %s GiB, %s; %.0f s in "
                            + "all%n%n", startedAt, machine.get("processors"), machine.get("cpu"),
                    machine.get("memoryGiB"), machine.get("java"), seconds));
            text.append("| figure | system | baseline, same run | ratio | target |\n");
            text.append("| --- | --- | --- | --- | --- |\n");
            for (Map<String, Object> row : figures) {
                String system;
                String baseline;
                String ratio = row.get("ratio") == null ? "" : String.format(Locale.ROOT, "%.3f",
                        (Double) row.get("ratio"));
                switch ((String) row.get("kind")) {
                    case "latency" -> {
                        system = String.format(Locale.ROOT, "%.1f / %.1f / %.1f ms (median / p99 / max, %d)",
                                row.get("medianMs"), row.get("p99Ms"), row.get("maxMs"), row.get("count"));
                        baseline = String.format(Locale.ROOT, "%s: %.1f / %.1f ms", row.get("baseline"),
                                row.get("baselineMedianMs"), row.get("baselineP99Ms"));
                        ratio = ratio.isEmpty() ? "" : ratio + " (p99)";
                    }
                    case "rate" -> {
                        system = String.format(Locale.ROOT, "%,.1f", (Double) row.get("system"));
                        baseline = row.get("baseline") == null ? "" : String.format(Locale.ROOT, "%s: %,.1f",
                                row.get("baseline"), (Double) row.get("baselineValue"));
                    }
                    default -> {
                        system = String.format(Locale.ROOT, "%,.1f", (Double) row.get("system"));
                        baseline = "";
                    }
                }
                text.append("| ").append(row.get("figure")).append(" | ").append(system).append(" | ")
                        .append(baseline).append(" | ").append(ratio).append(" | ")
                        .append(row.get("target") == null ? "" : row.get("target")).append(" |\n");
            }
            text.append("\nData size\n\n| open deals | board p99 | card p99 | deals opened/s while seeding | "
                    + "all shown, s after the last |\n| --- | --- | --- | --- | --- |\n");
            for (Map<String, Object> row : scaling) {
                if (row.containsKey("openDeals")) {
                    text.append(String.format(Locale.ROOT, "| %,d | %.1f ms | %.1f ms | %.1f | %.1f |%n",
                            row.get("openDeals"), row.get("boardP99Ms"), row.get("cardP99Ms"),
                            row.get("seedCommandsPerSecond"), row.get("visibleAfterSeedSeconds")));
                }
            }
            text.append("\n| replayed events (deals) | analytics events/s | pass-through events/s | ratio |\n"
                    + "| --- | --- | --- | --- |\n");
            for (Map<String, Object> row : scaling) {
                if (row.containsKey("events")) {
                    text.append(String.format(Locale.ROOT, "| %,d (%,d) | %,.1f | %,.1f | %.4f |%n", row.get("events"),
                            row.get("deals"), row.get("fullEventsPerSecond"), row.get("passThroughEventsPerSecond"),
                            row.get("ratio")));
                }
            }
            return text.toString();
        }
    }
}
