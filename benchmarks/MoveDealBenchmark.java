import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Commands per second and latency of MoveDealToStage over REST, sequentially and with concurrent
 * clients, against a running command-service. Each client moves its own deals back and forth between
 * two stages, so every request stores one event.
 *
 * <pre>
 * java benchmarks/MoveDealBenchmark.java http://localhost:8081 "$ADMIN_TOKEN" "$REP_TOKEN" [moves] [clients]
 * </pre>
 * The admin token defines the pipeline; the rep token (a rep who owns the deals) opens and moves them.
 */
public class MoveDealBenchmark {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String admin = args[1];
        String rep = args[2];
        int moves = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        int clients = args.length > 4 ? Integer.parseInt(args[4]) : 8;
        String repId = claim(rep, "sub");
        String team = claim(rep, "team");

        String pipeline = "bench-" + UUID.randomUUID();
        send(base, admin, "POST", "/pipelines/template", "{\"pipelineId\":\"" + pipeline + "\"}", 201);
        warmUp(base, rep, pipeline, repId, team);

        report("sequential, 1 client", run(base, rep, pipeline, repId, team, moves, 1));
        report("concurrent, " + clients + " clients", run(base, rep, pipeline, repId, team, moves, clients));
    }

    private static void warmUp(String base, String rep, String pipeline, String repId, String team) throws Exception {
        run(base, rep, pipeline, repId, team, 300, 2);
    }

    /** Each client opens 10 deals, then moves them round-robin between "qualified" and "lead". */
    private static long[] run(String base, String rep, String pipeline, String repId, String team, int moves,
                              int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> results = new ArrayList<>();
        int perClient = moves / clients;
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            results.add(pool.submit(() -> {
                String[] deals = new String[10];
                for (int d = 0; d < deals.length; d++) {
                    deals[d] = "bench-" + UUID.randomUUID();
                    send(base, rep, "POST", "/deals", "{\"dealId\":\"" + deals[d] + "\",\"pipelineId\":\"" + pipeline
                            + "\",\"stageId\":\"lead\",\"title\":\"Benchmark\",\"ownerId\":\"" + repId + "\","
                            + (team == null ? "" : "\"teamId\":\"" + team + "\",")
                            + "\"amount\":\"1000.00\",\"currency\":\"EUR\"}", 201);
                }
                long[] latencies = new long[perClient];
                for (int i = 0; i < perClient; i++) {
                    String deal = deals[i % deals.length];
                    String stage = (i / deals.length) % 2 == 0 ? "qualified" : "lead";
                    long t0 = System.nanoTime();
                    send(base, rep, "PUT", "/deals/" + deal + "/stage", "{\"stageId\":\"" + stage + "\"}", 200);
                    latencies[i] = System.nanoTime() - t0;
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> result : results) {
            for (long latency : result.get()) {
                all.add(latency);
            }
        }
        long elapsed = System.nanoTime() - started;
        pool.shutdown();
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] summary = Arrays.copyOf(sorted, sorted.length + 1);
        summary[sorted.length] = elapsed;
        return summary;
    }

    private static void report(String label, long[] summary) {
        long elapsed = summary[summary.length - 1];
        long[] latencies = Arrays.copyOf(summary, summary.length - 1);
        // elapsed includes opening the deals; the rate counts moves over the whole run
        double perSecond = latencies.length / (elapsed / 1e9);
        System.out.printf("%-24s %6d moves  %8.1f moves/s (incl. opening 10 deals per client)  "
                        + "latency median %.1f ms, p99 %.1f ms, max %.1f ms%n", label, latencies.length, perSecond,
                percentile(latencies, 0.50), percentile(latencies, 0.99), latencies[latencies.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static void send(String base, String token, String method, String path, String body, int expected)
            throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /** A string claim of a JWT's payload (no verification: the service does that). */
    private static String claim(String jwt, String name) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"")
                .matcher(payload);
        return m.find() ? m.group(1) : null;
    }
}
