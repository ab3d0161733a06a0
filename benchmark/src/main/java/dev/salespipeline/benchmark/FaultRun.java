package dev.salespipeline.benchmark;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import tools.jackson.databind.json.JsonMapper;

/**
 * Faults under load, then a reconciliation of every copy of the data ({@code benchmark.jar faults}).
 *
 * <p>It starts the local stack from the repository's jars with several instances of each service
 * ({@code --instances}) and the launcher restarting any instance that exits on its own. Clients
 * ({@link FaultClients}) open, move, win and lose deals in pipelines of the run's own, first for a quiet while, then
 * while the run, on a schedule drawn from the seed, kills a service instance ({@code kill -9}) or stops it (SIGTERM:
 * a whole instance restarted while the others of its service keep working), each time waiting until the launcher
 * has it UP again. After the load it waits for the system to settle and runs the {@link Reconciler} until every copy
 * agrees or the settling time is over, and reports the faults, the time each instance took to come back, the time
 * the read models and metrics took to catch up, and commands per second with and without faults. It exits non-zero
 * on any difference, and when an instance was not UP again within five minutes of a fault.
 *
 * <p>The faults also stop the Kafka broker, PostgreSQL and the MongoDB server, which run inside the launcher, and
 * start them again after a few seconds ({@code restart <part> <seconds>} on the launcher's standard input).
 */
final class FaultRun {

    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("repo-root", "."),
            Map.entry("out", ""),
            Map.entry("instances", "command=2,query=2,analytics=2"),
            Map.entry("quiet-seconds", "60"),
            Map.entry("load-seconds", "600"),
            Map.entry("faults", "20"),
            Map.entry("infrastructure-faults", "true"),
            Map.entry("clients", "4"),
            Map.entry("rate", "40"),
            Map.entry("pipelines", "2"),
            Map.entry("open-deals", "25"),
            Map.entry("seed", "1"),
            Map.entry("settle-seconds", "300"),
            Map.entry("commands-per-client", "0"),
            Map.entry("business-time", ""),
            Map.entry("run-id", ""),
            Map.entry("snapshot", ""),
            Map.entry("kafka-port", "19092"),
            Map.entry("postgres-port", "15432"),
            Map.entry("mongo-port", "37017"),
            Map.entry("command-port", "18081"),
            Map.entry("query-port", "18082"),
            Map.entry("analytics-port", "18083"),
            Map.entry("identity-port", "18084"));

    private static final List<String> SERVICES = List.of("command", "query", "analytics");
    /** The launcher's servers, restarted through its standard input. */
    private static final List<String> INFRASTRUCTURE = List.of("kafka", "postgres", "mongo");
    /** The longest a server is left down, in seconds; each restart draws its time from 1 to this. */
    private static final int MOST_SECONDS_DOWN = 10;
    private static final Map<String, String> MODULES = Map.of("command", "command-service", "query", "query-service",
            "analytics", "streams-analytics");
    private static final int INSTANCE_PORT_STEP = 10;
    /** How long an instance may take to report UP after a fault before the run counts it as not recovered. */
    private static final Duration UP_WAIT = Duration.ofMinutes(5);

    private final Map<String, String> options;
    private final PrintStream out;
    private final PrintStream progress;
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    FaultRun(Map<String, String> options, PrintStream out, PrintStream progress) {
        this.options = options;
        this.out = out;
        this.progress = progress;
    }

    static void main(String[] args, PrintStream out, PrintStream progress) throws Exception {
        Map<String, String> values = NamedOptions.parse(args, DEFAULTS, usage(), out);
        if (values != null) {
            tools.jackson.databind.JsonNode report = new FaultRun(values, out, progress).run();
            boolean agrees = report.path("reconciliation").path("agrees").asBoolean()
                    && report.path("recovered").asBoolean();
            if (!agrees) {
                System.exit(1);
            }
        }
    }

    static String usage() {
        return """
                Usage: java -jar benchmark.jar faults [options]
                Starts the local stack with several instances of each service, kills and restarts instances under
                load, then reconciles the client log, the event store, the topic, the read models, the metrics and
                the dead-letter topics. Exits 1 on any difference, or when an instance was not UP again within five
                minutes of a fault.
                  --repo-root=<dir>       the repository with the built jars, default .
                  --out=<dir>             where the data and the report go, default benchmark/target/faults-<time>
                  --instances=<counts>    default command=2,query=2,analytics=2
                  --quiet-seconds=<n>     load without faults first, default 60
                  --load-seconds=<n>      load with faults, default 600
                  --faults=<n>            faults spread over the load with faults, default 20
                  --infrastructure-faults=<true|false>
                                          whether the faults restart the Kafka broker, PostgreSQL and the MongoDB
                                          server too (each down for 1 to 10 s), default true
                  --clients=<n>           concurrent clients, default 4
                  --rate=<n>              commands per second of all clients together, default 40 (0: as fast
                                          as the stack answers, which the analytics cannot keep up with, see
                                          README)
                  --pipelines=<n>         pipelines of the run, default 2
                  --open-deals=<n>        open deals per client at most, default 25
                  --seed=<n>              seed of the load and of the fault schedule, default 1
                  --settle-seconds=<n>    longest wait for every copy to agree after the load, default 300
                  --commands-per-client=<n>
                                          each client stops after this many commands (the load then lasts until
                                          all have), default 0: until the load's time is over
                  --business-time=<iso>   the commands say they happened from this instant on, 20 s apart per
                                          client, so that a seed makes the same history whenever it is sent;
                                          default: when they are sent
                  --run-id=<id>           the run's id, in its pipeline and deal ids; default random
                  --snapshot=<file>       once every copy agrees, write there every card of the run and the last
                                          value of every key of every metric topic (see InstanceAgreement)
                  --kafka-port, --postgres-port, --mongo-port, --command-port, --query-port, --analytics-port,
                  --identity-port         the stack's ports (defaults 19092, 15432, 37017, 18081-18084)
                """;
    }

    /**
     * A fault the run injected and how long its instance (for a server: every instance) took to be UP again; null,
     * with the instances still not UP named, when that took longer than the wait.
     */
    record Fault(String instance, String how, double atSeconds, Double healthyAfterSeconds, List<String> notUp) {
    }

    tools.jackson.databind.JsonNode run() throws Exception {
        Instant startedAt = Instant.now();
        Path repoRoot = Path.of(options.get("repo-root")).toAbsolutePath().normalize();
        Path outDir = options.get("out").isBlank()
                ? repoRoot.resolve("benchmark/target/faults-" + startedAt.toString().replace(':', '-'))
                : Path.of(options.get("out")).toAbsolutePath();
        Path dataDir = outDir.resolve("data");
        Map<String, Integer> instances = instances(options.get("instances"));
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String port : List.of("kafka-port", "postgres-port", "mongo-port", "command-port", "query-port",
                "analytics-port", "identity-port")) {
            ports.put(port, number(port));
        }
        long seed = Long.parseLong(options.get("seed").trim());
        Random schedule = new Random(seed);
        String run = options.get("run-id").isBlank() ? UUID.randomUUID().toString().substring(0, 8)
                : options.get("run-id").trim();
        Instant businessTime = options.get("business-time").isBlank() ? null
                : Instant.parse(options.get("business-time").trim());
        int commandsPerClient = number("commands-per-client");

        try (LocalStackProcess stack = LocalStackProcess.start(repoRoot, dataDir, ports,
                List.of("--instances=" + options.get("instances"), "--restart-crashed=true"), Duration.ofMinutes(8),
                progress)) {
            String admin = stack.token("ada");
            List<URI> commandServices = uris("command", instances.get("command"));
            List<URI> queryServices = uris("query", instances.get("query"));
            FaultClients clients = new FaultClients(commandServices, admin, json,
                    Double.parseDouble(options.get("rate")));
            List<String> pipelines = new ArrayList<>();
            for (int p = 0; p < number("pipelines"); p++) {
                String pipeline = "faults-" + run + "-p" + p;
                Map<String, Object> define = new LinkedHashMap<>();
                define.put("pipelineId", pipeline);
                if (businessTime != null) {
                    define.put("occurredAt", businessTime.minus(Duration.ofDays(1)).toString());
                }
                if (!clients.send(pipeline, pipeline, "define", "POST", "pipelines/template", define)) {
                    throw new IllegalStateException("could not define " + pipeline + ": " + clients.refused);
                }
                pipelines.add(pipeline);
            }
            clients.accepted.clear();
            progress.printf("Run %s: %s, %d clients at %s commands/s, %d s quiet, then %d s with %d faults, "
                    + "seed %d%n", run, options.get("instances"), number("clients"), options.get("rate"),
                    number("quiet-seconds"), number("load-seconds"), number("faults"), seed);

            AtomicBoolean goOn = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(number("clients"));
            List<Future<?>> work = new ArrayList<>();
            long began = System.nanoTime();
            for (int c = 0; c < number("clients"); c++) {
                int client = c;
                work.add(pool.submit(() -> clients.work(client, run, pipelines, new Random(seed * 1_000 + client),
                        goOn::get, number("open-deals"), commandsPerClient, businessTime)));
            }
            List<Fault> faults = new ArrayList<>();
            long quietEnds;
            long loadEnds;
            try {
                sleepSeconds(number("quiet-seconds"));
                quietEnds = System.nanoTime();
                faults = injectFaults(stack, instances, schedule, began);
                long remaining = quietEnds + Duration.ofSeconds(number("load-seconds")).toNanos() - System.nanoTime();
                if (remaining > 0) {
                    Thread.sleep(remaining / 1_000_000);
                }
                if (commandsPerClient > 0) {
                    for (Future<?> future : work) {
                        future.get();
                    }
                }
                loadEnds = System.nanoTime();
            } finally {
                goOn.set(false);
                for (Future<?> future : work) {
                    future.get();
                }
                pool.shutdownNow();
            }
            long quietCommands = clients.accepted.stream().filter(a -> a.answeredAtNanos() < quietEnds).count();
            long faultCommands = clients.accepted.size() - quietCommands;
            double quietRate = quietCommands / ((quietEnds - began) / 1e9);
            double faultRate = faultCommands / ((loadEnds - quietEnds) / 1e9);

            // settle: reconcile until every copy agrees, or the settling time is over
            Reconciler reconciler = new Reconciler("localhost:" + ports.get("kafka-port"),
                    "jdbc:postgresql://localhost:" + ports.get("postgres-port") + "/pipeline", queryServices, admin,
                    json);
            long settleDeadline = System.nanoTime() + Duration.ofSeconds(number("settle-seconds")).toNanos();
            Reconciler.Result result;
            int rounds = 0;
            while (true) {
                rounds++;
                result = reconciler.reconcile(run, pipelines, List.copyOf(clients.accepted));
                if (result.agrees() || System.nanoTime() > settleDeadline) {
                    break;
                }
                progress.printf("  not settled yet (%d differences, first: %s)%n", result.differences().size(),
                        result.differences().get(0));
                sleepSeconds(5);
            }
            double caughtUpSeconds = (System.nanoTime() - loadEnds) / 1e9;
            if (!options.get("snapshot").isBlank() && result.agrees()) {
                InstanceAgreement.snapshot(Path.of(options.get("snapshot")), "localhost:" + ports.get("kafka-port"),
                        queryServices.get(0), admin, clients.accepted, json);
            }

            Map<String, Object> report = new LinkedHashMap<>();
            report.put("benchmark", "faults");
            report.put("startedAt", startedAt.toString());
            report.put("run", run);
            report.put("settings", new LinkedHashMap<>(options));
            report.put("machine", Map.of("processors", Runtime.getRuntime().availableProcessors()));
            report.put("commandsAccepted", clients.accepted.size());
            report.put("commandsRefused", clients.refused.size());
            report.put("refused", clients.refused.stream().limit(20).map(Object::toString).toList());
            report.put("requestsSentAgain", clients.resent.get());
            report.put("commandsPerSecondWithoutFaults", quietRate);
            report.put("commandsPerSecondWithFaults", faultRate);
            report.put("faults", faults);
            report.put("recovered", faults.stream().allMatch(fault -> fault.healthyAfterSeconds() != null));
            report.put("settledAfterSeconds", result.agrees() ? caughtUpSeconds : null);
            Map<String, Object> reconciliation = new LinkedHashMap<>();
            reconciliation.put("agrees", result.agrees() && clients.refused.isEmpty());
            reconciliation.put("rounds", rounds);
            reconciliation.put("counts", result.counts());
            reconciliation.put("differences", result.differences());
            report.put("reconciliation", reconciliation);
            Files.createDirectories(outDir);
            Path file = Reports.write(outDir.resolve("faults.json"), report, json);

            out.println();
            out.printf(Locale.ROOT, "Fault run %s: %d commands accepted, %d refused, %d requests sent again%n", run,
                    clients.accepted.size(), clients.refused.size(), clients.resent.get());
            out.printf(Locale.ROOT, "commands/s without faults %.1f, with faults %.1f%n", quietRate, faultRate);
            Table table = new Table("at s", "fault", "instance", "UP again after s");
            faults.forEach(fault -> table.row(String.format(Locale.ROOT, "%.0f", fault.atSeconds()), fault.how(),
                    fault.instance(), fault.healthyAfterSeconds() == null ? "not UP: " + String.join(", ", fault.notUp())
                            : String.format(Locale.ROOT, "%.1f", fault.healthyAfterSeconds())));
            out.print(table.render());
            out.printf(Locale.ROOT, "Reconciliation: %s after %d rounds; %s%n",
                    result.agrees() ? "every copy agrees" : result.differences().size() + " differences",
                    rounds, result.counts());
            if (result.agrees()) {
                out.printf(Locale.ROOT, "Read models and metrics caught up %.1f s after the load ended%n",
                        caughtUpSeconds);
            }
            result.differences().stream().limit(20).forEach(difference -> out.println("  " + difference));
            clients.refused.stream().limit(20).forEach(refused -> out.println("  refused: " + refused));
            out.println("Report: " + file);
            return json.readTree(Files.readString(file));
        }
    }

    /**
     * The faults, spread evenly over the load with faults (each at a seeded moment of its slot), in turn on each
     * service (an instance chosen by the seed, killed and stopped alternately) and, with infrastructure faults, on
     * each of the launcher's servers (stopped, left down for a seeded time and started again, after which every
     * instance of every service must be UP).
     */
    private List<Fault> injectFaults(LocalStackProcess stack, Map<String, Integer> instances, Random schedule,
                                     long began) throws Exception {
        int count = number("faults");
        long slot = Duration.ofSeconds(number("load-seconds")).toNanos() / Math.max(1, count);
        long faultsBegin = System.nanoTime();
        List<Fault> faults = new ArrayList<>();
        List<String> kinds = new ArrayList<>(SERVICES);
        if (Boolean.parseBoolean(options.get("infrastructure-faults").trim())) {
            kinds.addAll(INFRASTRUCTURE);
        }
        for (int i = 0; i < count; i++) {
            long at = faultsBegin + i * slot + (long) (schedule.nextDouble() * slot * 0.5);
            long wait = at - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000);
            }
            String kind = kinds.get(i % kinds.size());
            if (INFRASTRUCTURE.contains(kind)) {
                faults.add(restart(stack, kind, Duration.ofSeconds(1 + schedule.nextInt(MOST_SECONDS_DOWN)), instances,
                        began));
                continue;
            }
            String service = kind;
            int number = 1 + schedule.nextInt(instances.get(service));
            String name = number == 1 ? MODULES.get(service) : MODULES.get(service) + "-" + number;
            boolean kill = (i / kinds.size()) % 2 == 0;
            Optional<ProcessHandle> process = stack.instance(name);
            if (process.isEmpty()) {
                progress.printf("  %s is not running; no fault this time%n", name);
                continue;
            }
            double atSeconds = (System.nanoTime() - began) / 1e9;
            long injected = System.nanoTime();
            if (kill) {
                process.get().destroyForcibly();
            } else {
                process.get().destroy();
            }
            process.get().onExit().get();
            boolean up = awaitUp(port(service, number));
            double healthy = (System.nanoTime() - injected) / 1e9;
            progress.printf(Locale.ROOT, "  %s %s at %.0f s: %s%n", kill ? "killed" : "stopped", name, atSeconds,
                    up ? String.format(Locale.ROOT, "UP again after %.1f s", healthy) : "not UP within " + UP_WAIT);
            faults.add(new Fault(name, kill ? "kill -9" : "SIGTERM", atSeconds, up ? healthy : null,
                    up ? List.of() : List.of(name)));
        }
        return faults;
    }

    /** Restarts one of the launcher's servers and waits until every instance of every service reports UP. */
    private Fault restart(LocalStackProcess stack, String part, Duration down, Map<String, Integer> instances,
                          long began) throws Exception {
        double atSeconds = (System.nanoTime() - began) / 1e9;
        long injected = System.nanoTime();
        Duration unreachable = stack.restartInfrastructure(part, down);
        List<String> notUp = new ArrayList<>();
        for (String service : SERVICES) {
            for (int number = 1; number <= instances.get(service); number++) {
                if (!awaitUp(port(service, number))) {
                    notUp.add(number == 1 ? MODULES.get(service) : MODULES.get(service) + "-" + number);
                }
            }
        }
        double healthy = (System.nanoTime() - injected) / 1e9;
        progress.printf(Locale.ROOT, "  restarted %s at %.0f s (unreachable %.1f s): %s%n", part, atSeconds,
                unreachable.toMillis() / 1e3, notUp.isEmpty()
                        ? String.format(Locale.ROOT, "every instance UP after %.1f s", healthy)
                        : "not UP within " + UP_WAIT + ": " + String.join(", ", notUp));
        return new Fault(part, "restart, down " + down.toSeconds() + " s", atSeconds, notUp.isEmpty() ? healthy : null,
                notUp);
    }

    /**
     * Waits until the instance on {@code port} reports UP (after a kill, once the launcher has started it again);
     * false if it has not within {@link #UP_WAIT}. The run goes on either way: what the outage cost is the
     * reconciliation's to say.
     */
    private boolean awaitUp(int port) throws Exception {
        long deadline = System.nanoTime() + UP_WAIT.toNanos();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("\"UP\"")) {
                    return true;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        return false;
    }

    private List<URI> uris(String service, int count) {
        List<URI> uris = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            uris.add(URI.create("http://localhost:" + port(service, n) + "/"));
        }
        return uris;
    }

    private int port(String service, int number) {
        return number(service + "-port") + (number - 1) * INSTANCE_PORT_STEP;
    }

    private static Map<String, Integer> instances(String value) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        SERVICES.forEach(service -> counts.put(service, 1));
        for (String entry : value.split(",")) {
            String[] parts = entry.trim().split("=");
            if (parts.length != 2 || !counts.containsKey(parts[0].trim())) {
                throw new IllegalArgumentException("--instances takes service=count pairs of command, query and "
                        + "analytics, got " + value);
            }
            counts.put(parts[0].trim(), Integer.parseInt(parts[1].trim()));
        }
        return counts;
    }

    private int number(String name) {
        int value = Integer.parseInt(options.get(name).trim());
        if (value < 0) {
            throw new IllegalArgumentException("--" + name + " must not be negative, got " + value);
        }
        return value;
    }

    private static void sleepSeconds(int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1_000L);
    }
}
