package dev.salespipeline.benchmark;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.salespipeline.api.Topics;
import dev.salespipeline.api.activity.ActivityKind;
import dev.salespipeline.api.activity.ActivityReport;
import dev.salespipeline.api.deal.Direction;
import tools.jackson.databind.json.JsonMapper;

/**
 * A sales organisation at work, driven over the public interfaces of a running stack: several pipelines,
 * dozens of reps, deals opened and then moved forward and back, given tasks that are completed, won and lost
 * with reasons, while the telephony and email systems report calls and emails on the ingest topic. Every
 * choice comes from one seeded generator per client, so a run can be repeated.
 *
 * <p>Each client works on deals of its own (no two clients change the same deal), one request at a time. The
 * report gives commands per second over the run and the latency of each kind of command.
 */
final class LoadBenchmark {

    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("command-service", "http://localhost:8081/"),
            Map.entry("kafka", "localhost:9092"),
            Map.entry("admin-token", ""),
            Map.entry("pipelines", "3"),
            Map.entry("reps", "24"),
            Map.entry("deals", "240"),
            Map.entry("actions", "2400"),
            Map.entry("clients", "8"),
            Map.entry("seed", "1"),
            Map.entry("report", ""));

    private static final List<String> STAGES = List.of("lead", "qualified", "proposal-sent");
    private static final List<String> LOST_REASONS = List.of("Price", "Competitor", "No budget", "Timing");

    private final Map<String, String> options;
    private final JsonMapper json = JsonMapper.builder().build();
    private final PrintStream out;
    private final PrintStream progress;
    private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    private final AtomicInteger done = new AtomicInteger();

    LoadBenchmark(Map<String, String> options, PrintStream out, PrintStream progress) {
        this.options = options;
        this.out = out;
        this.progress = progress;
    }

    static void main(String[] args, PrintStream out, PrintStream progress) throws Exception {
        Map<String, String> values = NamedOptions.parse(args, DEFAULTS, usage(), out);
        if (values != null) {
            new LoadBenchmark(values, out, progress).run();
        }
    }

    static String usage() {
        return """
                Usage: java -jar benchmark.jar load --admin-token=<token> [options]
                A sales organisation over REST and the ingest topic of a running stack.
                  --command-service=<url>   default http://localhost:8081/
                  --kafka=<servers>         default localhost:9092 (calls and emails go to the ingest topic)
                  --pipelines=<n>           pipelines, default 3
                  --reps=<n>                reps owning the deals, default 24
                  --deals=<n>               deals opened, default 240
                  --actions=<n>             actions on them afterwards, default 2400
                  --clients=<n>             concurrent clients, each with deals of its own, default 8
                  --seed=<n>                seed of every random choice, default 1
                  --report=<file>           JSON report, default benchmark/target/load-<time>.json
                """;
    }

    /** One deal as the client that owns it knows it. */
    private static final class Deal {
        final String id;
        final String pipelineId;
        final String ownerId;
        int stage;
        boolean open = true;
        final List<String> openTasks = new ArrayList<>();

        Deal(String id, String pipelineId, String ownerId) {
            this.id = id;
            this.pipelineId = pipelineId;
            this.ownerId = ownerId;
        }
    }

    void run() throws Exception {
        Instant startedAt = Instant.now();
        Rest rest = new Rest(URI.create(options.get("command-service").replaceAll("/*$", "/")), json);
        String token = options.get("admin-token").trim();
        if (token.isEmpty()) {
            throw new IllegalArgumentException("--admin-token is required");
        }
        Caller admin = Caller.of(token, json);
        int pipelines = number("pipelines");
        int reps = number("reps");
        int dealCount = number("deals");
        int actions = number("actions");
        int clients = number("clients");
        long seed = Long.parseLong(options.get("seed"));
        String run = UUID.randomUUID().toString().substring(0, 8);

        List<String> pipelineIds = new ArrayList<>();
        for (int p = 0; p < pipelines; p++) {
            String pipelineId = "load-" + run + "-p" + p;
            rest.send(admin, "POST", "pipelines/template", Map.of("pipelineId", pipelineId), 201);
            pipelineIds.add(pipelineId);
        }
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.get("kafka"));
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        progress.printf("Run %s: %d pipelines, %d reps, %d deals, then %d actions, %d clients, seed %d%n", run,
                pipelines, reps, dealCount, actions, clients, seed);

        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long began = System.nanoTime();
        ticker.scheduleAtFixedRate(() -> progress.printf(Locale.ROOT, "  %d of %d requests, %.1f/s%n", done.get(),
                dealCount + actions, done.get() / ((System.nanoTime() - began) / 1e9)), 5, 5, TimeUnit.SECONDS);
        try (KafkaProducer<String, String> ingest = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new StringSerializer())) {
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                int myDeals = dealCount / clients + (client < dealCount % clients ? 1 : 0);
                int myActions = actions / clients + (client < actions % clients ? 1 : 0);
                work.add(pool.submit(() -> {
                    client(rest, admin, ingest, new Random(seed * 1_000 + client), run + "-c" + client, pipelineIds,
                            reps, myDeals, myActions);
                    return null;
                }));
            }
            for (Future<?> future : work) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a client failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
        } finally {
            ticker.shutdownNow();
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - began) / 1e9;

        Map<String, Stats> byKind = new LinkedHashMap<>();
        latencies.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> byKind.put(entry.getKey(), Stats.of(entry.getValue())));
        Table table = new Table("request", "count", "median ms", "p99 ms", "max ms");
        byKind.forEach((kind, stats) -> table.row(kind, stats.count(), ms(stats.median()), ms(stats.p99()),
                ms(stats.max())));
        out.println();
        out.printf(Locale.ROOT, "Sales organisation, run %s: %d requests in %.1f s = %.1f/s with %d clients%n", run,
                done.get(), seconds, done.get() / seconds, clients);
        out.print(table.render());

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "load");
        report.put("startedAt", startedAt.toString());
        report.put("run", run);
        report.put("settings", Map.of("pipelines", pipelines, "reps", reps, "deals", dealCount, "actions", actions,
                "clients", clients, "seed", seed));
        report.put("requests", done.get());
        report.put("seconds", seconds);
        report.put("requestsPerSecond", done.get() / seconds);
        report.put("latencyMicros", byKind);
        Path file = Reports.write(Reports.file(options.get("report"), "load"), report, json);
        out.println("Report: " + file);
    }

    private void client(Rest rest, Caller admin, KafkaProducer<String, String> ingest, Random random, String prefix,
                        List<String> pipelineIds, int reps, int dealCount, int actions) throws Exception {
        List<Deal> deals = new ArrayList<>();
        for (int d = 0; d < dealCount; d++) {
            Deal deal = new Deal("deal-" + prefix + "-d" + d, pipelineIds.get(random.nextInt(pipelineIds.size())),
                    "rep-" + String.format(Locale.ROOT, "%02d", random.nextInt(reps)));
            Map<String, Object> open = new HashMap<>();
            open.put("dealId", deal.id);
            open.put("pipelineId", deal.pipelineId);
            open.put("stageId", STAGES.get(0));
            open.put("title", "Seats for customer " + random.nextInt(100_000));
            open.put("ownerId", deal.ownerId);
            open.put("amount", BigDecimal.valueOf(500 + random.nextInt(50_000)).setScale(2));
            open.put("currency", random.nextInt(5) == 0 ? "USD" : "EUR");
            timed("open deal", () -> rest.send(admin, "POST", "deals", open, 201));
            deals.add(deal);
        }
        int taskNumber = 0;
        for (int a = 0; a < actions; a++) {
            List<Deal> open = deals.stream().filter(deal -> deal.open).toList();
            if (open.isEmpty()) {
                return;
            }
            Deal deal = open.get(random.nextInt(open.size()));
            int roll = random.nextInt(100);
            if (roll < 30) {
                int to = deal.stage + (random.nextInt(4) == 0 && deal.stage > 0 ? -1 : 1);
                if (to >= STAGES.size()) {
                    to = deal.stage - 1;
                }
                String kind = to < deal.stage ? "move back" : "move forward";
                deal.stage = to;
                timed(kind, () -> rest.send(admin, "PUT", "deals/" + deal.id
                        + "/stage", Map.of("stageId", STAGES.get(deal.stage)), 200));
            } else if (roll < 45) {
                String taskId = "t" + taskNumber++;
                deal.openTasks.add(taskId);
                timed("schedule task", () -> rest.send(admin, "POST", "deals/" + deal.id + "/tasks", Map.of(
                        "taskId", taskId, "title", "Call back",
                        "dueAt", Instant.now().plus(Duration.ofHours(1 + random.nextInt(72))).toString()), 200));
            } else if (roll < 55 && !deal.openTasks.isEmpty()) {
                String taskId = deal.openTasks.remove(0);
                timed("complete task", () -> rest.send(admin, "PUT", "deals/" + deal.id + "/tasks/" + taskId
                        + "/status", Map.of("status", "DONE"), 200));
            } else if (roll < 80) {
                boolean call = random.nextInt(3) > 0;
                Direction direction = random.nextBoolean() ? Direction.INBOUND : Direction.OUTBOUND;
                ActivityReport report = call
                        ? new ActivityReport("load-phone", UUID.randomUUID().toString(), ActivityKind.CALL, direction,
                                Instant.now().minusSeconds(5), (long) random.nextInt(900), random.nextInt(5) > 0,
                                "+49301" + random.nextInt(1_000_000), null, null, null, null, null, deal.id,
                                deal.ownerId)
                        : new ActivityReport("load-mail", UUID.randomUUID().toString(), ActivityKind.EMAIL, direction,
                                Instant.now().minusSeconds(5), null, null, null, null, null, "Offer",
                                "rep@example.com", "client@example.com", deal.id, deal.ownerId);
                timed(call ? "report call (ingest topic)" : "report email (ingest topic)", () -> ingest.send(
                        new ProducerRecord<>(Topics.ACTIVITY_INGEST, report.externalId(),
                                json.writeValueAsString(report))).get());
            } else if (roll < 90) {
                deal.open = false;
                timed("win", () -> rest.send(admin, "PUT", "deals/" + deal.id + "/outcome",
                        Map.of("outcome", "WON"), 200));
            } else {
                deal.open = false;
                timed("lose", () -> rest.send(admin, "PUT", "deals/" + deal.id + "/outcome",
                        Map.of("outcome", "LOST", "reason", LOST_REASONS.get(random.nextInt(LOST_REASONS.size()))),
                        200));
            }
        }
    }

    interface Request {
        Object send() throws Exception;
    }

    private void timed(String kind, Request request) throws Exception {
        long began = System.nanoTime();
        request.send();
        latencies.computeIfAbsent(kind, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add((System.nanoTime() - began) / 1_000);
        done.incrementAndGet();
    }

    private int number(String name) {
        int value = Integer.parseInt(options.get(name).trim());
        if (value < 1) {
            throw new IllegalArgumentException("--" + name + " must be at least 1, got " + value);
        }
        return value;
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.1f", micros / 1_000.0);
    }
}
