package dev.salespipeline.launcher;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service jar running as a child process: its own JVM, so that its class path (and the auto-configuration that
 * Spring Boot derives from it) is its own. Its standard output and error go to a log file.
 *
 * <pre>{@code
 * try (ServiceProcess query = ServiceProcess.builder("query-service", Path.of("query-service/target/query-service.jar"))
 *         .environment(Map.of("SERVER_PORT", "8082", "MONGODB_URI", infrastructure.mongoUri("pipeline")))
 *         .logFile(Path.of("target/query-service.log"))
 *         .start()) {
 *     query.awaitHealthy(8082, Duration.ofMinutes(2));
 *     ...
 * }
 * }</pre>
 */
public final class ServiceProcess implements AutoCloseable {

    /** How long {@link #close()} lets a service shut down gracefully before it is killed. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);

    /**
     * The top-level status of a Spring Boot health document, which Boot writes either first (no
     * components shown) or last (after {@code components}).
     */
    private static final Pattern STATUS_UP = Pattern.compile(
            "(?s)\\s*\\{\\s*\"status\"\\s*:\\s*\"UP\".*|.*\"status\"\\s*:\\s*\"UP\"\\s*}\\s*");
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final int LOG_TAIL_LINES = 40;

    private final String name;
    private final Process process;
    private final Path logFile;
    private final long startedAt;
    private volatile boolean stopping;

    private ServiceProcess(String name, Process process, Path logFile, long startedAt) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.startedAt = startedAt;
    }

    /** A builder for a process running {@code java -jar jar}. */
    public static Builder builder(String name, Path jar) {
        return new Builder(name, jar);
    }

    /** The name given to the builder. */
    public String name() {
        return name;
    }

    /** The operating system's process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether it was asked to stop or killed from here (so that its exit is expected). */
    public boolean isStopping() {
        return stopping;
    }

    /** Whether the process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, once the process has ended. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Completes when the process has ended, for whatever reason. */
    public CompletableFuture<ServiceProcess> onExit() {
        return process.onExit().thenApply(ended -> this);
    }

    /** The file receiving the process's standard output and error. */
    public Path logFile() {
        return logFile;
    }

    /** The resident memory of the process and its descendants, in bytes. */
    public long residentMemoryBytes() {
        return ResidentMemory.ofProcessTree(process.pid());
    }

    /**
     * Waits until {@code http://localhost:port/actuator/health} reports status {@code UP}.
     *
     * @see #awaitHealthy(URI, Duration)
     */
    public void awaitHealthy(int port, Duration timeout) {
        awaitHealthy(URI.create("http://localhost:" + port + "/actuator/health"), timeout);
    }

    /**
     * Waits until the Spring Boot health endpoint {@code healthUri} answers 200 with status {@code UP}.
     *
     * @throws ServiceStartException if the process ends first, or the timeout passes; its message ends with the last
     *                               lines of the log
     */
    public void awaitHealthy(URI healthUri, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(healthUri).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastAnswer = "no answer yet";
        while (true) {
            if (!process.isAlive()) {
                throw failure(name + " exited with code " + process.exitValue() + " before reporting UP");
            }
            if (stopping) {
                throw new ServiceStartException(name + " was stopped before reporting UP");
            }
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && STATUS_UP.matcher(response.body()).matches()) {
                    log.info("{} is UP at {} after {} ms", name, healthUri,
                            (System.nanoTime() - startedAt) / 1_000_000);
                    return;
                }
                lastAnswer = "HTTP " + response.statusCode() + ": " + abbreviate(response.body());
            } catch (ConnectException e) {
                lastAnswer = "not listening yet";
            } catch (IOException e) {
                lastAnswer = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceStartException("Interrupted while waiting for " + name);
            }
            if (System.nanoTime() > deadline) {
                throw failure(name + " did not report UP at " + healthUri + " within " + timeout.toSeconds()
                        + " s (last answer: " + lastAnswer + ")");
            }
            awaitExitOrNextPoll();
        }
    }

    /** Waits one poll interval, but wakes at once if the process ends meanwhile. */
    private void awaitExitOrNextPoll() {
        try {
            process.onExit().get(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
            // the usual case: poll the health endpoint again
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot watch " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceStartException("Interrupted while waiting for " + name);
        }
    }

    /** The last {@code lines} lines of the log file. */
    public List<String> logTail(int lines) {
        if (!Files.isRegularFile(logFile)) {
            return List.of();
        }
        // read at most the last 64 KiB: enough for the lines wanted, however large the log has grown
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            long start = Math.max(0, length - 64 * 1024);
            byte[] bytes = new byte[(int) (length - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            return new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return List.of("(could not read " + logFile + ": " + e.getMessage() + ")");
        }
    }

    /**
     * Asks the process to stop (SIGTERM, on which Spring Boot shuts down gracefully), waits up to {@code grace}, then
     * kills it and whatever it started.
     */
    public void stop(Duration grace) {
        stopping = true;
        if (!process.isAlive()) {
            return;
        }
        long started = System.nanoTime();
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} (pid {}) did not stop within {} s; killing it", name, pid(), grace.toSeconds());
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        log.info("{} stopped in {} ms", name, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Kills the process at once (SIGKILL: no shutdown hooks run, nothing is flushed or released), as a crash of the
     * machine would, and waits until it is gone.
     */
    public void kill() {
        stopping = true;
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + pid() + ") did not end within 30 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while killing " + name, e);
        }
        log.info("{} (pid {}) killed", name, pid());
    }

    /** {@link #stop(Duration)} with {@link #DEFAULT_STOP_GRACE}. */
    @Override
    public void close() {
        stop(DEFAULT_STOP_GRACE);
    }

    private ServiceStartException failure(String message) {
        return new ServiceStartException(message + "\n--- last lines of " + logFile + " ---\n"
                + String.join("\n", logTail(LOG_TAIL_LINES)));
    }

    private static String abbreviate(String body) {
        String flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
    }

    /** A service did not come up. */
    public static final class ServiceStartException extends RuntimeException {

        public ServiceStartException(String message) {
            super(message);
        }
    }

    /** Settings of a service process. */
    public static final class Builder {

        private final String name;
        private final Path jar;
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> arguments = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");
        private Path workingDirectory = Path.of("").toAbsolutePath();
        private Path logFile;

        private Builder(String name, Path jar) {
            this.name = name;
            this.jar = jar;
        }

        /** JVM options, placed before {@code -jar}. */
        public Builder jvmOptions(List<String> options) {
            jvmOptions.addAll(options);
            return this;
        }

        /** Program arguments, placed after the jar. */
        public Builder arguments(List<String> args) {
            arguments.addAll(args);
            return this;
        }

        /** Environment variables added to those this JVM has. */
        public Builder environment(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        /** The {@code java} to run; the one running this JVM by default. */
        public Builder javaExecutable(Path javaExecutable) {
            this.javaExecutable = javaExecutable;
            return this;
        }

        /** The working directory; this JVM's by default. */
        public Builder workingDirectory(Path workingDirectory) {
            this.workingDirectory = workingDirectory;
            return this;
        }

        /**
         * The file for standard output and error; {@code <name>.log} in the working directory by default. A log left
         * by an earlier run is kept as {@code <name>.previous.log}.
         */
        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        /** Starts the process; it does not wait for the service to be ready. */
        public ServiceProcess start() {
            if (!Files.isRegularFile(jar)) {
                throw new ServiceStartException("No jar for " + name + " at " + jar
                        + ": build it first (mvn -DskipTests package)");
            }
            Path log = (logFile != null ? logFile : workingDirectory.resolve(name + ".log")).toAbsolutePath();
            rotate(log);
            List<String> command = new ArrayList<>();
            command.add(javaExecutable.toString());
            command.addAll(jvmOptions);
            command.add("-jar");
            command.add(jar.toAbsolutePath().toString());
            command.addAll(arguments);
            ProcessBuilder processBuilder = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            processBuilder.environment().putAll(environment);
            try {
                long startedAt = System.nanoTime();
                Process process = processBuilder.start();
                process.getOutputStream().close(); // a service reads nothing from its standard input
                ServiceProcess service = new ServiceProcess(name, process, log, startedAt);
                ServiceProcess.log.info("Started {} (pid {}), logging to {}", name, process.pid(), log);
                return service;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start " + String.join(" ", command), e);
            }
        }

        private static void rotate(Path log) {
            try {
                Files.createDirectories(log.getParent());
                if (Files.exists(log)) {
                    String fileName = log.getFileName().toString();
                    String previous = fileName.endsWith(".log")
                            ? fileName.substring(0, fileName.length() - 4) + ".previous.log"
                            : fileName + ".previous";
                    Files.move(log, log.resolveSibling(previous), StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not prepare the log file " + log, e);
            }
        }
    }
}
