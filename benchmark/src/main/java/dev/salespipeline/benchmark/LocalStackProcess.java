package dev.salespipeline.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local stack started from the repository's jars, as {@code ./start-local.sh} starts it, in a process of its own:
 * timed from the process's start until the launcher reports every service UP, and measured by the resident memory of
 * the launcher and all its descendants.
 */
final class LocalStackProcess implements AutoCloseable {

    private static final Pattern POSTGRES = Pattern.compile("^\\s*PostgreSQL\\s.*\\bpid (\\d+)");
    private static final Pattern STARTED = Pattern.compile("^Started in ([0-9.]+) s; resident memory ([0-9,]+) MiB");
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

    private static final Pattern RESTART_ANSWER =
            Pattern.compile("^(Restarted (\\w+) in (\\d+) ms(?: \\(pid (\\d+)\\))?|Could not restart .*)$");

    private final Process process;
    private volatile ProcessHandle postgres;
    /** The launcher's answers to restart commands, in the order it gave them. */
    private final BlockingQueue<String> restartAnswers;
    private final Path repoRoot;
    private final Path dataDir;
    private final double startSeconds;
    private final double reportedStartSeconds;
    private final long reportedResidentMiB;

    private LocalStackProcess(Process process, ProcessHandle postgres, BlockingQueue<String> restartAnswers,
                              Path repoRoot, Path dataDir, double startSeconds, double reportedStartSeconds,
                              long reportedResidentMiB) {
        this.process = process;
        this.postgres = postgres;
        this.restartAnswers = restartAnswers;
        this.repoRoot = repoRoot;
        this.dataDir = dataDir;
        this.startSeconds = startSeconds;
        this.reportedStartSeconds = reportedStartSeconds;
        this.reportedResidentMiB = reportedResidentMiB;
    }

    /**
     * Starts the launcher and waits until it reports the stack started.
     *
     * @param ports the launcher's port options ({@code kafka-port}, {@code command-port}...) and their values
     * @throws IllegalStateException if the launcher ends or stays silent before that
     */
    static LocalStackProcess start(Path repoRoot, Path dataDir, Map<String, Integer> ports, Duration timeout,
                                   PrintStream progress) throws IOException, InterruptedException {
        return start(repoRoot, dataDir, ports, List.of(), timeout, progress);
    }

    /**
     * Starts the launcher with further options ({@code --services=query}, say) and waits until it reports the stack
     * started.
     */
    static LocalStackProcess start(Path repoRoot, Path dataDir, Map<String, Integer> ports, List<String> options,
                                   Duration timeout, PrintStream progress) throws IOException, InterruptedException {
        Path jar = launcherJar(repoRoot);
        Files.createDirectories(dataDir);
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions(repoRoot));
        command.addAll(List.of("-jar", jar.toString(), "--data-dir=" + dataDir, "--repo-root=" + repoRoot));
        ports.forEach((option, port) -> command.add("--" + option + "=" + port));
        command.addAll(options);
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        Deque<String> lastLines = new ArrayDeque<>();
        CompletableFuture<Matcher> ready = new CompletableFuture<>();
        CompletableFuture<Long> postgresPid = new CompletableFuture<>();
        BlockingQueue<String> restartAnswers = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (lastLines) {
                        lastLines.addLast(line);
                        if (lastLines.size() > 40) {
                            lastLines.removeFirst();
                        }
                    }
                    Matcher postgres = POSTGRES.matcher(line);
                    if (postgres.find()) {
                        postgresPid.complete(Long.parseLong(postgres.group(1)));
                    }
                    if (RESTART_ANSWER.matcher(line).matches()) {
                        restartAnswers.add(line);
                    }
                    Matcher matcher = STARTED.matcher(line);
                    if (matcher.find()) {
                        ready.complete(matcher);
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("the launcher ended (exit code "
                    + exitCode(process) + ")"));
        }, "local-stack-output");
        reader.setDaemon(true);
        reader.start();
        progress.printf("Starting the local stack: %s%n", String.join(" ", command));
        Matcher matcher;
        try {
            matcher = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            stop(process);
            String output;
            synchronized (lastLines) {
                output = String.join("\n", lastLines);
            }
            throw new IllegalStateException("The local stack did not start: "
                    + (e.getCause() == null ? "no report within " + timeout : e.getCause().getMessage())
                    + "\nLast lines of the launcher:\n" + output, e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // PostgreSQL's server detaches from the launcher: it is found by the pid the launcher reports.
        ProcessHandle postgres = postgresPid.getNow(-1L) > 0 ? ProcessHandle.of(postgresPid.getNow(-1L)).orElse(null)
                : null;
        return new LocalStackProcess(process, postgres, restartAnswers, repoRoot, dataDir, seconds,
                Double.parseDouble(matcher.group(1)), Long.parseLong(matcher.group(2).replace(",", "")));
    }

    /** From starting the launcher's process until it reported every service UP, in seconds. */
    double startSeconds() {
        return startSeconds;
    }

    /** The start-up time the launcher itself reports (from its own start, without the JVM's). */
    double reportedStartSeconds() {
        return reportedStartSeconds;
    }

    /** The resident memory the launcher reported once started: itself, PostgreSQL and the services. */
    long residentMiBAtStart() {
        return reportedResidentMiB;
    }

    /**
     * The memory of the launcher, PostgreSQL and the services now, in MiB per kind of process (each service, the
     * launcher, postgres): each process's proportional set size, in which a page shared by several processes (PostgreSQL's
     * shared buffers, mapped by every backend) counts once in all, shared out among them. VmRSS where the kernel has
     * no {@code smaps_rollup}.
     */
    Map<String, Long> memoryMiBNow() {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process.toHandle());
        all.addAll(process.descendants().toList());
        if (postgres != null && postgres.isAlive()) {
            all.add(postgres);
            postgres.descendants().filter(handle -> !all.contains(handle)).forEach(all::add);
        }
        Map<String, Long> kib = new TreeMap<>();
        for (ProcessHandle handle : all) {
            kib.merge(kind(handle), proportionalKib(handle), Long::sum);
        }
        Map<String, Long> mib = new LinkedHashMap<>();
        kib.forEach((kind, value) -> mib.put(kind, Math.round(value / 1024.0)));
        mib.put("total", Math.round(kib.values().stream().mapToLong(Long::longValue).sum() / 1024.0));
        return mib;
    }

    private static String kind(ProcessHandle handle) {
        List<String> arguments = handle.info().arguments().map(List::of).orElse(List.of());
        int jar = arguments.indexOf("-jar");
        if (jar >= 0 && jar + 1 < arguments.size()) {
            return Path.of(arguments.get(jar + 1)).getFileName().toString().replace(".jar", "");
        }
        return handle.info().command().map(command -> Path.of(command).getFileName().toString()).orElse("other");
    }

    /**
     * The running process of a service instance, by the name the launcher gives it ({@code query-service},
     * {@code query-service-2}...) on its command line.
     */
    Optional<ProcessHandle> instance(String name) {
        String property = "-Dpipeline.instance=" + name;
        return process.descendants()
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().arguments().map(List::of).orElse(List.of()).contains(property))
                .findFirst();
    }

    /**
     * Has the launcher stop one of its servers ({@code kafka}, {@code postgres} or {@code mongo}), leave it down for
     * {@code down} and start it again on its port and data, and answers how long it was unreachable.
     *
     * @throws IllegalStateException if the launcher could not restart it or gave no answer within two minutes
     */
    Duration restartInfrastructure(String part, Duration down) throws IOException, InterruptedException {
        restartAnswers.clear();
        var commands = process.getOutputStream();
        commands.write(("restart " + part + " " + down.toSeconds() + "\n").getBytes(StandardCharsets.UTF_8));
        commands.flush();
        String answer = restartAnswers.poll(down.toSeconds() + 120, TimeUnit.SECONDS);
        if (answer == null) {
            throw new IllegalStateException("the launcher gave no answer to restarting " + part);
        }
        Matcher restarted = RESTART_ANSWER.matcher(answer);
        if (!restarted.matches() || restarted.group(2) == null || !restarted.group(2).equals(part)) {
            throw new IllegalStateException(answer);
        }
        if (restarted.group(4) != null) {
            postgres = ProcessHandle.of(Long.parseLong(restarted.group(4))).orElse(postgres);
        }
        return Duration.ofMillis(Long.parseLong(restarted.group(3)));
    }

    /** A token of a demo user, from the launcher's token command on this stack's data directory. */
    String token(String user) throws IOException, InterruptedException {
        return token(repoRoot, dataDir, user);
    }

    /** A token of a demo user of the stack whose data is in {@code dataDir}. */
    static String token(Path repoRoot, Path dataDir, String user) throws IOException, InterruptedException {
        Process token = new ProcessBuilder(java(), "-jar", launcherJar(repoRoot).toString(), "token", user,
                "--data-dir=" + dataDir).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(token.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!token.waitFor(60, TimeUnit.SECONDS) || token.exitValue() != 0 || output.isEmpty()) {
            token.destroyForcibly();
            throw new IllegalStateException("no token for " + user + " from the launcher in " + dataDir);
        }
        return output;
    }

    /** Stops the stack as Ctrl-C does, and waits until every process of it has ended. */
    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            for (ProcessHandle child : descendants) {
                child.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static long proportionalKib(ProcessHandle handle) {
        String pid = Long.toString(handle.pid());
        for (String[] source : new String[][] {{"smaps_rollup", "Pss:"}, {"status", "VmRSS:"}}) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", pid, source[0]))) {
                    if (line.startsWith(source[1])) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // gone meanwhile, not readable, or not Linux: try the next source, else it counts for nothing
            }
        }
        return 0;
    }

    /** The launcher JVM's options as {@code ./start-local.sh} gives them, from the file it reads them from. */
    private static List<String> jvmOptions(Path repoRoot) throws IOException {
        Path file = repoRoot.resolve("local-launcher/launcher.jvm.options");
        return Files.isRegularFile(file) ? List.of(Files.readString(file).trim().split("\\s+")) : List.of();
    }

    private static Path launcherJar(Path repoRoot) {
        Path jar = repoRoot.resolve("local-launcher/target/local-launcher.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("No " + jar + ": build first (./mvnw -DskipTests package)");
        }
        return jar;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String exitCode(Process process) {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "none yet";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "local stack (pid %d, data in %s)", process.pid(), dataDir);
    }
}
