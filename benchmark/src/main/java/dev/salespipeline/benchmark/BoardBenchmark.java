package dev.salespipeline.benchmark;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;

import dev.salespipeline.api.pipeline.PipelineTemplates;
import dev.salespipeline.api.pipeline.StageDefinition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How fast the board answers as a pipeline grows: a local stack of query-service alone, a pipeline filled through the
 * event topic with {@code --deals} open deals (each size in turn, the same pipeline growing), and at each size the
 * board read {@code --reads} times after a warm-up, as an admin, a manager (their team's deals) and a rep (their own),
 * unfiltered (its column totals from the totals kept per owner and stage) and filtered by text (totals aggregated
 * over the matching deals), and the deal card. Next to them, in the same run, the floor of a board: the page queries
 * of its columns sent straight to MongoDB, and a card read by id. With {@code --history}, the last size's deals are
 * then given that many more events, spread over the months they were opened in, and the board as of past instants
 * and the change report between two of them are measured, as is the board again.
 */
final class BoardBenchmark {

    static String usage() {
        return """
                Usage: java -jar benchmark/target/benchmark.jar board [options]
                Starts a local stack with query-service alone, fills one pipeline with open deals through the event
                topic and measures the board and the deal card at each size, next to the same reads straight from
                MongoDB.
                  --deals=<n,...>         open deals in the pipeline, in turn, default 10000,50000
                  --reads=<n>             reads of each kind measured at each size, default 200
                  --history=<n>           after the last size, events of history added to its deals (moves,
                                          amount and probability changes over the 120 days the deals were
                                          opened in), then the board as of past instants and the change
                                          report measured; default 0, none
                  --seed=<n>              the deals' seed, default 42
                  --repo-root=<dir>       the repository, default .
                  --data-dir=<dir>        the stack's data directory, default a temporary one
                  --kafka-port, --postgres-port, --mongo-port, --query-port
                                          the stack's ports, default 29192 25532 27217 28182
                  --timeout-seconds=<n>   the most filling one size may take, default 1800
                  --report=<file>         where the JSON report goes, default benchmark/target/board-<time>.json
                """;
    }

    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("deals", "10000,50000"),
            Map.entry("reads", "200"),
            Map.entry("history", "0"),
            Map.entry("seed", "42"),
            Map.entry("repo-root", "."),
            Map.entry("data-dir", ""),
            Map.entry("kafka-port", "29192"),
            Map.entry("postgres-port", "25532"),
            Map.entry("mongo-port", "27217"),
            Map.entry("query-port", "28182"),
            Map.entry("timeout-seconds", "1800"),
            Map.entry("report", ""));

    private static final String PIPELINE = "board-benchmark";
    private static final int PAGE = 50;
    private static final List<String> STAGES = PipelineTemplates.DEFAULT_STAGES.stream()
            .map(StageDefinition::stageId).toList();

    private final Map<String, String> options;
    private final PrintStream out;
    private final PrintStream progress;
    private final JsonMapper json = JsonMapper.builder().build();

    private BoardBenchmark(Map<String, String> options, PrintStream out, PrintStream progress) {
        this.options = options;
        this.out = out;
        this.progress = progress;
    }

    private Map<String, Object> run() throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String size : options.get("deals").split(",")) {
            sizes.add(Integer.parseInt(size.strip()));
        }
        int reads = Integer.parseInt(options.get("reads"));
        int historyEvents = Integer.parseInt(options.get("history"));
        long seed = Long.parseLong(options.get("seed"));
        Path repoRoot = Path.of(options.get("repo-root")).toAbsolutePath().normalize();
        Path dataDir = options.get("data-dir").isBlank() ? Files.createTempDirectory("board-benchmark-")
                : Path.of(options.get("data-dir"));
        Duration timeout = Duration.ofSeconds(Long.parseLong(options.get("timeout-seconds")));
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String port : List.of("kafka-port", "postgres-port", "mongo-port", "query-port")) {
            ports.put(port, Integer.parseInt(options.get(port)));
        }
        String kafka = "localhost:" + ports.get("kafka-port");
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "board");
        report.put("startedAt", Instant.now().toString());
        report.put("machine", Suite.Machine.describe());
        List<Map<String, Object>> results = new ArrayList<>();
        report.put("sizes", results);

        try (LocalStackProcess stack = LocalStackProcess.start(repoRoot, dataDir, ports, List.of("--services=query"),
                Duration.ofMinutes(5), progress);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka));
             MongoClient client = MongoClients.create("mongodb://localhost:" + ports.get("mongo-port"))) {
            report.put("stackStartSeconds", stack.startSeconds());
            Rest queries = new Rest(URI.create("http://localhost:" + ports.get("query-port") + "/"), json);
            Map<String, Caller> callers = new LinkedHashMap<>();
            for (String user : List.of("ada", "max", "anna")) {
                callers.put(user, Caller.of(LocalStackProcess.token(repoRoot, dataDir, user), json));
            }
            ProjectionBenchmark.createTopic(admin);
            MongoCollection<Document> cards = client.getDatabase("pipeline").getCollection("deal_cards");
            Instant now = Instant.now();
            long sent = 0;
            int filled = 0;
            List<SyntheticHistory.BoardDeal> boardDeals = new ArrayList<>();
            for (int size : sizes) {
                progress.printf("Filling the pipeline to %,d open deals%n", size);
                SyntheticHistory deals = SyntheticHistory.openDeals(PIPELINE, filled, size, seed, now, json);
                boardDeals.addAll(deals.boardDeals());
                long start = System.nanoTime();
                StreamsBenchmark.produce(kafka, deals);
                sent += deals.records().size();
                double fillSeconds = (ProjectionBenchmark.awaitCommitted(admin, sent, timeout, progress) - start) / 1e9;
                filled = size;

                Map<String, Object> result = new LinkedHashMap<>();
                result.put("openDeals", size);
                result.put("fillSeconds", fillSeconds);
                JsonNode board = queries.send(callers.get("ada"), "GET", board(""), null, 200).body();
                result.put("boardTotalDeals", board.path("totalDeals").asLong());
                Map<String, Object> figures = new LinkedHashMap<>();
                String text = "&q=" + URLEncoder.encode("Company 1", StandardCharsets.UTF_8);
                figures.put("board, admin", measure(reads, () -> time(queries, callers.get("ada"), board(""))));
                figures.put("board, manager (team)", measure(reads, () -> time(queries, callers.get("max"),
                        board(""))));
                figures.put("board, rep (own deals)", measure(reads, () -> time(queries, callers.get("anna"),
                        board(""))));
                figures.put("board filtered by text, admin", measure(Math.max(20, reads / 5),
                        () -> time(queries, callers.get("ada"), board(text))));
                Random pick = new Random(seed);
                figures.put("deal card", measure(reads, () -> time(queries, callers.get("ada"),
                        "deals/" + PIPELINE + "-deal-" + (1 + pick.nextInt(size)))));
                figures.put("baseline: page queries of a board's columns, straight to MongoDB",
                        measure(reads, () -> columnPages(cards)));
                Random pickRaw = new Random(seed);
                figures.put("baseline: a card by id, straight to MongoDB", measure(reads, () -> {
                    long started = System.nanoTime();
                    cards.find(new Document("_id", PIPELINE + "-deal-" + (1 + pickRaw.nextInt(size)))).first();
                    return System.nanoTime() - started;
                }));
                result.put("readsMillis", figures);
                results.add(result);
                progress.printf(Locale.ROOT, "  %,d open deals applied in %.1f s; board p99 %s ms%n", size, fillSeconds,
                        ((Map<?, ?>) figures.get("board, admin")).get("p99"));
            }
            if (historyEvents > 0) {
                progress.printf("Adding %,d events of history to the %,d open deals%n", historyEvents,
                        boardDeals.size());
                SyntheticHistory history = SyntheticHistory.boardHistory(PIPELINE, boardDeals, historyEvents, seed,
                        now, json);
                long start = System.nanoTime();
                StreamsBenchmark.produce(kafka, history);
                sent += history.records().size();
                double applySeconds = (ProjectionBenchmark.awaitCommitted(admin, sent, timeout, progress) - start)
                        / 1e9;
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("openDeals", filled);
                result.put("historyEvents", history.records().size());
                result.put("fillSeconds", applySeconds);
                result.put("boardTotalDeals", queries.send(callers.get("ada"), "GET", board(""), null, 200).body()
                        .path("totalDeals").asLong());
                result.put("readsMillis", historyReads(queries, callers, reads, now));
                results.add(result);
            }
        }
        print(report);
        Path file = Reports.write(Reports.file(options.get("report"), "board"), report, json);
        out.println("Report: " + file);
        return report;
    }

    /**
     * The board now and as of a month and of three months ago, and the change report over a week and over a month,
     * as an admin and as a rep; a month ago about three quarters of the deals were open, three months ago a quarter.
     */
    private Map<String, Object> historyReads(Rest queries, Map<String, Caller> callers, int reads, Instant now) {
        Instant monthAgo = now.minus(Duration.ofDays(30));
        String asOfMonth = "pipelines/" + PIPELINE + "/board/as-of?size=" + PAGE + "&at=" + monthAgo;
        String asOfQuarter = "pipelines/" + PIPELINE + "/board/as-of?size=" + PAGE + "&at="
                + now.minus(Duration.ofDays(90));
        String week = "pipelines/" + PIPELINE + "/changes?from=" + monthAgo.minus(Duration.ofDays(7)) + "&to="
                + monthAgo;
        String month = "pipelines/" + PIPELINE + "/changes?from=" + monthAgo.minus(Duration.ofDays(30)) + "&to="
                + monthAgo;
        int fewer = Math.max(20, reads / 5);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("board, admin", measure(reads, () -> time(queries, callers.get("ada"), board(""))));
        figures.put("board as of 30 days ago, admin", measure(fewer, () -> time(queries, callers.get("ada"),
                asOfMonth)));
        figures.put("board as of 30 days ago, rep", measure(fewer, () -> time(queries, callers.get("anna"),
                asOfMonth)));
        figures.put("board as of 90 days ago, admin", measure(fewer, () -> time(queries, callers.get("ada"),
                asOfQuarter)));
        figures.put("change report over a week, admin (first page of 100 deals)", measure(fewer,
                () -> time(queries, callers.get("ada"), week)));
        figures.put("change report over a week, rep", measure(fewer, () -> time(queries, callers.get("anna"),
                week)));
        figures.put("change report over 30 days, admin (first page of 100 deals)", measure(fewer,
                () -> time(queries, callers.get("ada"), month)));
        return figures;
    }

    private static String board(String query) {
        return "pipelines/" + PIPELINE + "/board?size=" + PAGE + query;
    }

    private static long time(Rest queries, Caller caller, String path) {
        long started = System.nanoTime();
        queries.send(caller, "GET", path, null, 200);
        return System.nanoTime() - started;
    }

    /** The first page of every column, by the board's default order, as the board reads them. */
    private static long columnPages(MongoCollection<Document> cards) {
        long started = System.nanoTime();
        for (String stage : STAGES) {
            // A flat filter, as the board sends it: each field at the top level, where any planner sees it.
            cards.find(new Document("pipelineId", PIPELINE).append("status", "OPEN").append("stageId", stage))
                    .sort(Sorts.descending("updatedAt", "_id")).limit(PAGE)
                    .projection(Projections.include("title", "client.company", "ownerId", "amount", "stageId",
                            "probabilityOverride", "nextAction", "stageEnteredAt", "lastActivityAt",
                            "expectedCloseDate", "updatedAt", "version"))
                    .into(new ArrayList<>());
        }
        return System.nanoTime() - started;
    }

    /** Latencies in milliseconds of {@code reads} reads after a tenth as many to warm up. */
    private static Map<String, Object> measure(int reads, LongSupplier read) {
        for (int i = 0; i < Math.max(5, reads / 10); i++) {
            read.getAsLong();
        }
        long[] nanos = new long[reads];
        for (int i = 0; i < reads; i++) {
            nanos[i] = read.getAsLong();
        }
        Stats stats = Stats.of(nanos);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("reads", reads);
        figures.put("median", stats.median() / 1e6);
        figures.put("p99", stats.p99() / 1e6);
        figures.put("max", stats.max() / 1e6);
        return figures;
    }

    @SuppressWarnings("unchecked")
    private void print(Map<String, Object> report) {
        out.println();
        for (Map<String, Object> size : (List<Map<String, Object>>) report.get("sizes")) {
            Table table = new Table("read", "median ms", "p99 ms", "max ms");
            ((Map<String, Map<String, Object>>) size.get("readsMillis")).forEach((name, figures) -> table.row(name,
                    millis(figures.get("median")), millis(figures.get("p99")), millis(figures.get("max"))));
            if (size.containsKey("historyEvents")) {
                out.printf(Locale.ROOT, "Board of %,d open deals with %,d more events of history (%,d on the admin's "
                        + "board; history applied in %.1f s)%n", size.get("openDeals"), size.get("historyEvents"),
                        size.get("boardTotalDeals"), size.get("fillSeconds"));
            } else {
                out.printf(Locale.ROOT, "Board of %,d open deals (%,d on the admin's board; filled in %.1f s)%n",
                        size.get("openDeals"), size.get("boardTotalDeals"), size.get("fillSeconds"));
            }
            out.print(table.render());
            out.println();
        }
    }

    private static String millis(Object value) {
        return String.format(Locale.ROOT, "%.1f", (Double) value);
    }

    /** Runs the benchmark with {@code --name=value} arguments and returns its report. */
    static Map<String, Object> main(String[] args, PrintStream out, PrintStream progress) throws Exception {
        Map<String, String> values = NamedOptions.parse(args, DEFAULTS, usage(), out);
        if (values == null) {
            return Map.of();
        }
        return new BoardBenchmark(values, out, progress).run();
    }
}
