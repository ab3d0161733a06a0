package dev.salespipeline.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the whole pipeline on one machine: Kafka, PostgreSQL and a MongoDB wire-protocol server inside this JVM, with
 * their data in the data directory, and command-service, query-service and streams-analytics as child processes.
 * Ctrl-C (SIGINT) or SIGTERM stops the services, then MongoDB, PostgreSQL and Kafka.
 *
 * <p>The services are configured to trust the {@link DevIdentity} kept in the data directory; {@code token <user>}
 * as first argument prints a bearer token for a demo user instead of starting anything (see {@link TokenCommand}).
 * The web dashboard signs in at the {@link DevIdentityProvider} the launcher runs.
 *
 * <p>Run {@code java -jar local-launcher/target/local-launcher.jar --help} for the options.
 */
public final class LocalLauncher {

    /** The system property naming the directory of the launcher's own log, set from the data directory. */
    static final String LOG_DIR_PROPERTY = "pipeline.launcher.log-dir";

    private LocalLauncher() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(TokenCommand.NAME)) {
            // no logging on this path: standard output carries the token and nothing else
            System.exit(TokenCommand.run(Arrays.copyOfRange(args, 1, args.length), System.getProperties(),
                    System.out, System.err));
            return;
        }
        LauncherOptions options;
        try {
            options = LauncherOptions.parse(args, System.getProperties());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println();
            System.err.print(LauncherOptions.usage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(LauncherOptions.usage());
            return;
        }
        // before the first logger is created, so that the log file lands in the data directory
        System.setProperty(LOG_DIR_PROPERTY, options.logDir().toString());
        Logger log = LoggerFactory.getLogger(LocalLauncher.class);

        long started = System.nanoTime();
        LocalStack stack = new LocalStack(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping");
            stack.close();
            log.info("Stopped; data kept in {}", options.dataDir());
        }, "local-launcher-shutdown"));
        try {
            stack.start();
        } catch (RuntimeException e) {
            log.error("Start-up failed: {}", e.getMessage());
            log.debug("Start-up failure", e);
            System.exit(1);
            return;
        }
        printSummary(System.out, stack, (System.nanoTime() - started) / 1_000_000);
        watchServices(stack, log);
        InfrastructureCommands.listen(stack, System.in, System.out);
        awaitShutdown();
    }

    static void printSummary(PrintStream out, LocalStack stack, long startupMillis) {
        LauncherOptions options = stack.options();
        LocalInfrastructure infrastructure = stack.infrastructure();
        List<String[]> rows = new ArrayList<>();
        long self = ResidentMemory.ofProcess(ProcessHandle.current().pid());
        long total = self;
        rows.add(new String[] {"Kafka", infrastructure.kafka().bootstrapServers(), "in launcher", "data " + rel(options, "kafka")});
        long postgresMemory = infrastructure.postgres().serverPid().stream()
                .map(ResidentMemory::ofProcessTree).sum();
        total += postgresMemory;
        rows.add(new String[] {"PostgreSQL", infrastructure.postgresUrl(),
                "pid " + infrastructure.postgres().serverPid().orElse(-1) + ", " + ResidentMemory.format(postgresMemory),
                "user/password " + infrastructure.postgres().username() + "/" + infrastructure.postgres().password()});
        rows.add(new String[] {"MongoDB", infrastructure.mongoUri(), "in launcher", "data " + rel(options, "mongo/pipeline.mv")});
        rows.add(new String[] {"identity provider", stack.identityProvider().issuer(), "in launcher",
                "OpenID Connect, client " + DevIdentityProvider.WEB_CLIENT_ID});
        for (Map.Entry<ServiceInstance, ServiceProcess> running : stack.instances().entrySet()) {
            ServiceProcess process = running.getValue();
            long memory = process.residentMemoryBytes();
            total += memory;
            rows.add(new String[] {process.name(), "http://localhost:" + options.port(running.getKey()),
                    "pid " + process.pid() + ", " + ResidentMemory.format(memory),
                    "log " + options.dataDir().relativize(process.logFile())});
        }
        rows.add(new String[] {"launcher JVM", "", "pid " + ProcessHandle.current().pid() + ", "
                + ResidentMemory.format(self), "log " + rel(options, "logs/launcher.log")});

        int[] widths = new int[4];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        String format = "  %-" + widths[0] + "s  %-" + widths[1] + "s  %-" + widths[2] + "s  %s%n";
        out.println();
        out.printf("Sales pipeline running (data in %s)%n%n", options.dataDir());
        rows.forEach(row -> out.printf(format, (Object[]) row));
        out.println();
        if (!options.services().isEmpty()) {
            printTokenHint(out, options);
        }
        out.println("Type \"restart kafka|postgres|mongo [seconds down]\" here to restart a server while the services run.");
        out.printf("Started in %.1f s; resident memory %s in total (launcher, PostgreSQL and services, proportional set sizes added up)%n",
                startupMillis / 1000.0, ResidentMemory.format(total));
        if (options.services().contains(Service.QUERY)) {
            out.println("Dashboard: " + stack.dashboardUrl());
        }
        out.println("Press Ctrl-C to stop; the data stays for the next start.");
        out.println();
    }

    /** How to get a token for the services, with the data directory if it is not the default one. */
    private static void printTokenHint(PrintStream out, LauncherOptions options) {
        Path defaultDataDir = Path.of(LauncherOptions.DEFAULT_DATA_DIR).toAbsolutePath().normalize();
        String dataDirOption = options.dataDir().equals(defaultDataDir) ? "" : " --data-dir=" + options.dataDir();
        out.printf("Requests need a bearer token of a demo user (%s), signed with the key in %s:%n",
                DevIdentity.demoUsers().stream().map(DevIdentity.DemoUser::id).collect(Collectors.joining(" ")),
                rel(options, DevIdentity.DIRECTORY));
        out.printf("  TOKEN=$(java -jar local-launcher/target/local-launcher.jar %s anna%s)%n", TokenCommand.NAME,
                dataDirOption);
        if (options.services().contains(Service.QUERY)) {
            out.printf("  curl -H \"Authorization: Bearer $TOKEN\" http://localhost:%d/pipelines/sales/deals%n",
                    options.port(Service.QUERY));
        }
        out.println();
    }

    private static String rel(LauncherOptions options, String path) {
        return options.dataDir().getFileName() + "/" + path;
    }

    private static void watchServices(LocalStack stack, Logger log) {
        stack.instances().forEach((instance, process) -> watch(stack, instance, process, log));
    }

    /** Reports an instance that exits on its own and, with {@code --restart-crashed}, starts it again. */
    private static void watch(LocalStack stack, ServiceInstance instance, ServiceProcess process, Logger log) {
        process.onExit().thenRunAsync(() -> {
            if (stack.isClosed() || process.isStopping()) {
                return;
            }
            log.error("{} exited unexpectedly with code {}; see {}", process.name(), process.exitCode().orElse(-1),
                    process.logFile());
            if (!stack.options().restartCrashed()) {
                return;
            }
            long began = System.nanoTime();
            try {
                ServiceProcess restarted = stack.restart(instance);
                log.info("{} started again (pid {}), UP {} ms after it exited", restarted.name(), restarted.pid(),
                        (System.nanoTime() - began) / 1_000_000);
                watch(stack, instance, restarted, log);
            } catch (RuntimeException e) {
                if (!stack.isClosed()) {
                    log.error("{} could not be started again: {}", process.name(), e.getMessage());
                }
            }
        });
    }

    private static void awaitShutdown() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
