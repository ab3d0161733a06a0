package dev.salespipeline.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.salespipeline.api.Topics;
import dev.salespipeline.benchmark.BenchmarkOptions.Run;
import tools.jackson.databind.json.JsonMapper;

/**
 * How fast command-service's publisher moves events from the event store to {@link Topics#PIPELINE_EVENTS}, measured
 * against a running stack from outside:
 * <ul>
 *   <li>live: clients send commands (open deals, then move them back and forth) as fast as they can, one client and
 *       then several, while a consumer notes when each event's record arrives. Events per second stored and
 *       delivered, the backlog when the last command was answered and how long it took to drain; and for each
 *       command, the time from its answer to its record's arrival, and from the envelope's {@code recordedAt} to
 *       the record's CreateTime.</li>
 *   <li>republication: the whole store published again, timed until each of its events has arrived once more.</li>
 * </ul>
 * The tables go to standard output, progress to standard error, everything in detail to a JSON report.
 */
public final class PublicationBenchmark {

    private static final int USAGE = 2;
    private static final int FAILED = 1;
    /** About the size of a stored move: its JSON payload and its metadata (actor, source, team, roles, ids). */
    private static final int STORED_PAYLOAD_BYTES = 300;
    private static final int STORED_METADATA_BYTES = 400;
    /** About the size of a move's envelope on the topic. */
    private static final int ENVELOPE_BYTES = 800;
    private static final int KAFKA_BASELINE_RECORDS = 2_000;

    private final BenchmarkOptions options;
    private final JsonMapper json = JsonMapper.builder().build();
    private final PrintStream out;
    private final PrintStream progress;

    PublicationBenchmark(BenchmarkOptions options, PrintStream out, PrintStream progress) {
        this.options = options;
        this.out = out;
        this.progress = progress;
    }

    public static void main(String[] args) {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println();
            System.err.print(BenchmarkOptions.usage());
            System.exit(USAGE);
            return;
        }
        if (options.help()) {
            System.out.print(BenchmarkOptions.usage());
            return;
        }
        try {
            new PublicationBenchmark(options, System.out, System.err).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("Interrupted");
            System.exit(FAILED);
        } catch (RuntimeException | IOException e) {
            System.err.println("The benchmark failed: " + e.getMessage());
            System.exit(FAILED);
        }
    }

    void run() throws InterruptedException, IOException {
        Instant startedAt = Instant.now();
        Rest rest = new Rest(options.commandService(), json);
        Caller admin = Caller.of(options.adminToken(), json);
        Caller rep = Caller.of(options.repToken(), json);
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String pipelineId = "bench-" + runId;

        List<LiveRun.Result> liveResults = new ArrayList<>();
        RepublicationRun.Result republication = null;
        List<Baselines.Result> baselines = List.of();
        try (TopicReader reader = TopicReader.fromEnd(options.kafka(), Topics.PIPELINE_EVENTS, json)) {
            progress.printf("Reading %s at %s; defining pipeline %s%n", Topics.PIPELINE_EVENTS, options.kafka(),
                    pipelineId);
            rest.send(admin, "POST", "pipelines/template", Map.of("pipelineId", pipelineId), 201);
            LiveRun live = new LiveRun(rest, rep, pipelineId);

            if (options.warmUpMoves() > 0) {
                progress.printf("Warming up: %d moves, %d clients%n", options.warmUpMoves(), options.clients());
                LiveRun.Commands warmUp = live.run(pipelineId + "-warm-up", options.clients(), options.warmUpMoves(),
                        options.clients());
                awaitRecords(reader, warmUp);
            }
            if (options.runs().contains(Run.SEQUENTIAL)) {
                liveResults.add(measure(reader, live, pipelineId + "-s", "sequential, 1 client", 1));
            }
            if (options.runs().contains(Run.CONCURRENT)) {
                liveResults.add(measure(reader, live, pipelineId + "-c",
                        "concurrent, " + options.clients() + " clients", options.clients()));
            }
            if (options.runs().contains(Run.REPUBLICATION)) {
                republication = republish(reader, rest, admin);
            }
            if (options.runs().contains(Run.BASELINES)) {
                baselines = baselines();
            }
            if (reader.unreadable() > 0) {
                progress.printf("%d records on the topic were not event envelopes%n", reader.unreadable());
            }
        }

        print(runId, liveResults, republication, baselines);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "publication");
        report.put("startedAt", startedAt.toString());
        report.put("runId", runId);
        report.put("topic", Topics.PIPELINE_EVENTS);
        report.put("settings", options.describe());
        report.put("live", liveResults);
        report.put("republication", republication);
        report.put("baselines", baselines);
        report.put("ratios", ratios(liveResults, baselines));
        Path file = Reports.write(options.report(), report, json);
        out.println();
        out.println("Report: " + file);
    }

    private LiveRun.Result measure(TopicReader reader, LiveRun live, String dealPrefix, String label, int clients)
            throws InterruptedException {
        progress.printf("%s: opening %d deals, then %d moves%n", label, options.deals(), options.moves());
        LiveRun.Commands commands = live.run(dealPrefix, options.deals(), options.moves(), clients);
        awaitRecords(reader, commands);
        LiveRun.Result result = LiveRun.Result.of(label, clients, commands, reader);
        progress.printf(Locale.ROOT, "%s: %d events stored in %.1f s, the last on the topic %.0f ms after the last "
                + "answer%n", label, result.events(), result.commandSeconds(), result.drainMillis());
        return result;
    }

    private RepublicationRun.Result republish(TopicReader reader, Rest rest, Caller admin)
            throws InterruptedException {
        progress.printf("Reading %s from the beginning to count the events of the store%n", Topics.PIPELINE_EVENTS);
        TopicReader.Contents store = TopicReader.contents(options.kafka(), Topics.PIPELINE_EVENTS, json,
                options.timeout());
        progress.printf("Republishing the store: %d events, positions up to %d%n", store.events(),
                store.lastPosition());
        return new RepublicationRun(rest, admin, reader).run(store, options.timeout());
    }

    /** Waits until the record of every command has arrived, or the timeout has passed. */
    private void awaitRecords(TopicReader reader, LiveRun.Commands commands) throws InterruptedException {
        List<LiveRun.Command> pending = new ArrayList<>(commands.commands());
        boolean all = reader.await(() -> {
            pending.removeIf(command -> reader.firstArrival(command.event()) != null);
            return pending.isEmpty();
        }, options.timeout());
        if (!all) {
            progress.printf("%d of %d records did not arrive within %d s%n", pending.size(),
                    commands.commands().size(), options.timeout().toSeconds());
        }
    }

    /**
     * The raw components at the same concurrency and record size as the live runs: single-row inserts shaped like
     * the event store's appends (one connection, then as many as clients), and a plain producer and consumer.
     */
    private List<Baselines.Result> baselines() throws InterruptedException {
        int operations = Math.max(1, options.moves());
        progress.printf("Baselines: %d single-row inserts into %s with 1 and %d connections; %d Kafka round trips%n",
                operations, options.postgresUrl(), options.clients(), Math.min(operations, KAFKA_BASELINE_RECORDS));
        List<Baselines.Result> results = new ArrayList<>();
        results.add(Baselines.jdbcInserts(options.postgresUrl(), options.postgresUser(), options.postgresPassword(), 1,
                operations, STORED_PAYLOAD_BYTES, STORED_METADATA_BYTES));
        results.add(Baselines.jdbcInserts(options.postgresUrl(), options.postgresUser(), options.postgresPassword(),
                options.clients(), operations, STORED_PAYLOAD_BYTES, STORED_METADATA_BYTES));
        results.add(Baselines.kafkaRoundTrips(options.kafka(), Math.min(operations, KAFKA_BASELINE_RECORDS),
                ENVELOPE_BYTES));
        return results;
    }

    /** Each system figure over its baseline: commands per second over inserts per second at the same concurrency. */
    private static List<Map<String, Object>> ratios(List<LiveRun.Result> live, List<Baselines.Result> baselines) {
        List<Map<String, Object>> ratios = new ArrayList<>();
        for (LiveRun.Result result : live) {
            for (Baselines.Result baseline : baselines) {
                if (baseline.name().startsWith("PostgreSQL") && baseline.clients() == result.clients()) {
                    Map<String, Object> ratio = new LinkedHashMap<>();
                    ratio.put("figure", "commands/s, " + result.label());
                    ratio.put("system", result.commandsPerSecond());
                    ratio.put("baseline", baseline.name() + ", " + baseline.clients() + " connection(s)");
                    ratio.put("baselineValue", baseline.perSecond());
                    ratio.put("ratio", result.commandsPerSecond() / baseline.perSecond());
                    ratios.add(ratio);
                }
            }
        }
        return ratios;
    }

    private void print(String runId, List<LiveRun.Result> liveResults, RepublicationRun.Result republication,
                       List<Baselines.Result> baselines) {
        out.println();
        out.printf("Publication to %s (run %s)%n", Topics.PIPELINE_EVENTS, runId);
        if (!liveResults.isEmpty()) {
            out.printf("%nEach live run: %d deals opened, then %d moves; one event per command%n", options.deals(),
                    options.moves());
            out.print(throughputTable(liveResults));
            out.println();
            out.print(lagTable(liveResults));
        }
        if (republication != null) {
            out.println();
            out.print(republicationTable(republication));
        }
        if (!baselines.isEmpty()) {
            out.println();
            out.print(baselineTable(liveResults, baselines));
        }
    }

    private static String baselineTable(List<LiveRun.Result> live, List<Baselines.Result> baselines) {
        Table table = new Table("figure", "system", "baseline", "ratio", "baseline measured as");
        for (Map<String, Object> ratio : ratios(live, baselines)) {
            table.row(ratio.get("figure"), decimal((Double) ratio.get("system"), 1),
                    decimal((Double) ratio.get("baselineValue"), 1), decimal((Double) ratio.get("ratio"), 3),
                    ratio.get("baseline"));
        }
        for (Baselines.Result baseline : baselines) {
            if (!baseline.name().startsWith("Kafka")) {
                continue;
            }
            for (LiveRun.Result result : live) {
                Stats lag = result.commandToRecordMicros();
                if (lag == null) {
                    continue;
                }
                table.row("answer -> record median ms, " + result.label(), millis(lag.median()),
                        millis(baseline.latencyMicros().median()),
                        decimal((double) lag.median() / Math.max(1, baseline.latencyMicros().median()), 1),
                        "send -> receive, " + baseline.name());
                table.row("answer -> record p99 ms, " + result.label(), millis(lag.p99()),
                        millis(baseline.latencyMicros().p99()),
                        decimal((double) lag.p99() / Math.max(1, baseline.latencyMicros().p99()), 1), "");
            }
        }
        return "Next to the raw components, same machine, same run\n" + table.render()
                + "  Inserts: " + STORED_PAYLOAD_BYTES + "-byte payload and " + STORED_METADATA_BYTES + "-byte metadata "
                + "per row, one transaction each, into a table\n  shaped like the event store's; Kafka: "
                + ENVELOPE_BYTES + "-byte records, each send awaited (acks=all), received by a plain consumer.\n";
    }

    private static String throughputTable(List<LiveRun.Result> results) {
        Table table = new Table("run", "events", "window s", "stored/s", "on topic/s", "backlog at end",
                "drain ms", "published/s", "kept up");
        for (LiveRun.Result result : results) {
            table.row(result.label(), result.events(), decimal(result.commandSeconds(), 2),
                    decimal(result.commandsPerSecond(), 1), decimal(result.deliveredPerSecond(), 1),
                    result.backlogAtEnd(), decimal(result.drainMillis(), 1), decimal(result.publishedPerSecond(), 1),
                    (result.keptUp() ? "yes" : "no")
                            + (result.missing() > 0 ? " (" + result.missing() + " missing)" : ""));
        }
        return table.render()
                + "  window: from the first command sent to the last answer; stored/s: events (one per command) per\n"
                + "  second of the window; on topic/s: those of them on the topic by the last answer, per second of\n"
                + "  the window; backlog at end: the others; drain: from the last answer to the last record;\n"
                + "  published/s: all events over the window and the drain.\n";
    }

    private static String lagTable(List<LiveRun.Result> results) {
        Table table = new Table(2, "latency, ms", "", "count", "min", "median", "p99", "max");
        for (LiveRun.Result result : results) {
            statsRow(table, result.label(), "answer -> record received", result.commandToRecordMicros());
            statsRow(table, "", "recordedAt -> CreateTime", result.recordedToCreateTimeMicros());
            statsRow(table, "", "CreateTime -> record received", result.createTimeToReceivedMicros());
            statsRow(table, "", "command round trip", result.commandRoundTripMicros());
        }
        return table.render()
                + "  answer -> record received: from the command's HTTP answer to the consumer's poll returning its\n"
                + "  record (negative when the record came first); recordedAt -> CreateTime: from the envelope's\n"
                + "  recordedAt (stamped when the event is applied, before the commit) to the timestamp the producer\n"
                + "  gave the record, 1 ms resolution: store to producer; CreateTime -> record received: producer\n"
                + "  through broker to this consumer, on the wall clock.\n";
    }

    private static void statsRow(Table table, String label, String measure, Stats micros) {
        if (micros == null) {
            table.row(label, measure, 0);
            return;
        }
        table.row(label, measure, micros.count(), millis(micros.min()), millis(micros.median()), millis(micros.p99()),
                millis(micros.max()));
    }

    private static String republicationTable(RepublicationRun.Result result) {
        Table table = new Table("republication", "s", "events/s");
        table.row("first record arrived", result.firstRecordMillis() == null ? null
                : decimal(result.firstRecordMillis() / 1_000, 3));
        table.row("last record handed to the producer", decimal(result.createdSeconds(), 3),
                decimal(result.createdPerSecond(), 1));
        table.row("every store event received again", decimal(result.seconds(), 3),
                decimal(result.recordsPerSecond(), 1));
        table.row("progress endpoint says done", decimal(result.endpointSeconds(), 3),
                decimal(result.endpointEventsPerSecond(), 1));
        return "Whole store: " + result.storeEvents() + " events, store positions up to " + result.lastPosition()
                + "; " + result.received() + " records received, " + result.distinct() + " different events"
                + (result.complete() ? "" : " (INCOMPLETE: timed out)") + "\n"
                + table.render()
                + "  From the request to start it. The producer's time is the latest CreateTime of the records\n"
                + "  (wall clock, 1 ms resolution); the progress endpoint is asked every 100 ms.\n";
    }

    private static String millis(long micros) {
        return decimal(micros / 1_000.0, 1);
    }

    private static String decimal(Double value, int decimals) {
        return value == null ? null : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
