package dev.salespipeline.benchmark;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The settings of {@link PublicationBenchmark}, from {@code --name=value} arguments.
 *
 * @param commandService base URL of command-service
 * @param kafka          Kafka bootstrap servers
 * @param adminToken     token of an admin: defines the pipeline, starts the republication
 * @param repToken       token of a rep: opens the deals (as their owner) and moves them
 * @param deals          deals opened in each measured run, shared out among its clients
 * @param moves          moves in each measured run, shared out among its clients
 * @param clients        clients of the concurrent run
 * @param warmUpMoves    moves of the unmeasured run before the others (0: none)
 * @param runs           which runs to do
 * @param timeout        how long to wait for the records of a run, or for a republication to finish
 * @param report         where the JSON report goes
 * @param help           whether only the usage was asked for
 * @param postgresUrl    the stack's PostgreSQL, for the insert baseline (a table of its own, dropped after)
 */
record BenchmarkOptions(URI commandService, String kafka, String adminToken, String repToken, int deals, int moves,
                        int clients, int warmUpMoves, Set<Run> runs, Duration timeout, Path report, boolean help,
                        String postgresUrl, String postgresUser, String postgresPassword) {

    /** The runs, in the order they are done. */
    enum Run {
        SEQUENTIAL, CONCURRENT, REPUBLICATION, BASELINES;

        String optionName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Map<String, String> DEFAULTS = defaults();

    static BenchmarkOptions parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                values.put("help", "true");
                continue;
            }
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("Expected --name=value, got: " + arg);
            }
            String name = arg.substring(2, equals);
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("Unknown option --" + name);
            }
            values.put(name, arg.substring(equals + 1));
        }
        boolean help = Boolean.parseBoolean(values.get("help"));
        if (!help) {
            for (String required : List.of("admin-token", "rep-token")) {
                if (values.get(required).isBlank()) {
                    throw new IllegalArgumentException("--" + required + " is required");
                }
            }
        }
        int clients = atLeast(values, "clients", 1);
        int deals = atLeast(values, "deals", 1);
        Set<Run> runs = runs(values.get("runs"));
        if (runs.contains(Run.CONCURRENT) && deals < clients) {
            throw new IllegalArgumentException("--deals must be at least --clients (each client moves its own deals), "
                    + "got " + deals + " deals for " + clients + " clients");
        }
        String report = values.get("report");
        return new BenchmarkOptions(
                URI.create(values.get("command-service").replaceAll("/+$", "") + "/"),
                values.get("kafka"),
                values.get("admin-token").trim(),
                values.get("rep-token").trim(),
                deals,
                atLeast(values, "moves", 0),
                clients,
                atLeast(values, "warm-up-moves", 0),
                runs,
                Duration.ofSeconds(atLeast(values, "timeout", 1)),
                Reports.file(report, "publication"),
                help,
                values.get("postgres-url"),
                values.get("postgres-user"),
                values.get("postgres-password"));
    }

    static String usage() {
        return """
                Usage: java -jar benchmark/target/benchmark.jar --admin-token=<jwt> --rep-token=<jwt> [--name=value ...]

                Measures the publication of events to %s against a running stack: how many events
                per second reach the topic while clients send commands and during a republication of the whole
                store, and how long after a command's answer its record arrives.

                  --command-service=<url>  command-service (default: %s)
                  --kafka=<servers>        Kafka bootstrap servers (default: %s)
                  --admin-token=<jwt>      an admin's token: defines the pipeline, starts the republication
                  --rep-token=<jwt>        a rep's token: opens the deals as their owner and moves them
                  --deals=<n>              deals opened in each run, shared out among its clients (default: %s)
                  --moves=<n>              moves in each run, shared out among its clients (default: %s)
                  --clients=<n>            clients of the concurrent run (default: %s)
                  --warm-up-moves=<n>      moves of an unmeasured run first, 0 for none (default: %s)
                  --runs=<list>            some of sequential, concurrent, republication, baselines,
                                           comma-separated (default: all, in that order)
                  --postgres-url=<jdbc>    PostgreSQL for the baseline of single-row inserts, in a table of its
                                           own (default: %s)
                  --postgres-user=<name>   its user (default: %s); --postgres-password=<secret> (default: %s)
                  --timeout=<seconds>      how long to wait for a run's records or a republication (default: %s)
                  --report=<file>          the JSON report (default: benchmark/target/publication-<time>.json)
                """.formatted(dev.salespipeline.api.Topics.PIPELINE_EVENTS, DEFAULTS.get("command-service"),
                DEFAULTS.get("kafka"), DEFAULTS.get("deals"), DEFAULTS.get("moves"), DEFAULTS.get("clients"),
                DEFAULTS.get("warm-up-moves"), DEFAULTS.get("postgres-url"), DEFAULTS.get("postgres-user"),
                DEFAULTS.get("postgres-password"), DEFAULTS.get("timeout"));
    }

    /** The options as they appear in the report, without the tokens. */
    Map<String, Object> describe() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("commandService", commandService.toString());
        settings.put("kafka", kafka);
        settings.put("deals", deals);
        settings.put("moves", moves);
        settings.put("clients", clients);
        settings.put("warmUpMoves", warmUpMoves);
        settings.put("runs", runs.stream().map(Run::optionName).toList());
        settings.put("timeoutSeconds", timeout.toSeconds());
        settings.put("postgresUrl", postgresUrl);
        return settings;
    }

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("command-service", "http://localhost:8081");
        defaults.put("kafka", "localhost:9092");
        defaults.put("admin-token", "");
        defaults.put("rep-token", "");
        defaults.put("deals", "80");
        defaults.put("moves", "2000");
        defaults.put("clients", "8");
        defaults.put("warm-up-moves", "300");
        defaults.put("runs", Arrays.stream(Run.values()).map(Run::optionName).collect(Collectors.joining(",")));
        defaults.put("timeout", "120");
        defaults.put("report", "");
        defaults.put("help", "false");
        defaults.put("postgres-url", "jdbc:postgresql://localhost:5432/pipeline");
        defaults.put("postgres-user", "pipeline");
        defaults.put("postgres-password", "pipeline");
        return Map.copyOf(defaults);
    }

    private static Set<Run> runs(String value) {
        Set<Run> runs = EnumSet.noneOf(Run.class);
        for (String name : value.split(",")) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            runs.add(Arrays.stream(Run.values())
                    .filter(run -> run.optionName().equals(trimmed.toLowerCase(Locale.ROOT)))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--runs: unknown run " + trimmed
                            + "; the runs are " + DEFAULTS.get("runs"))));
        }
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("--runs names no run");
        }
        return runs;
    }

    private static int atLeast(Map<String, String> values, String name, int minimum) {
        int value;
        try {
            value = Integer.parseInt(values.get(name).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got " + values.get(name), e);
        }
        if (value < minimum) {
            throw new IllegalArgumentException("--" + name + " must be at least " + minimum + ", got " + value);
        }
        return value;
    }
}
