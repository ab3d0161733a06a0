package dev.salespipeline.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One instance of each service and two of each give the same read models and the same metrics for the same seeded
 * load: {@code benchmark.jar agreement} runs the fault run's load twice, without faults, with the same seed, run id
 * and business times, first on a stack with one instance of each service, then on one with two, and compares every
 * card of the run and the last value of every key of every metric topic. It exits 1 on any difference.
 *
 * <p>The load is the same history both times: each client works on deals of its own with its own seeded choices,
 * and its commands carry business times of their own ({@code --business-time}), so only the interleaving of the
 * clients and the instances that take each command differ. What is left out of the comparison is what depends on
 * the wall clock, not on the history: when a snapshot of what is open now was taken (the owner's book's
 * {@code asOf}, average deal size's {@code openAsOf}, sales velocity's {@code openDealsAsOf}) and the stalled-deal
 * alerts (raised by a clock).
 */
final class InstanceAgreement {

    static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> defaults = new LinkedHashMap<>(FaultRun.DEFAULTS);
        defaults.put("faults", "0");
        defaults.put("quiet-seconds", "0");
        defaults.put("load-seconds", "0");
        defaults.put("commands-per-client", "500");
        defaults.put("business-time", "2026-11-02T08:00:00Z");
        defaults.put("instances", "command=1,query=1,analytics=1");
        defaults.put("other-instances", "command=2,query=2,analytics=2");
        DEFAULTS = Map.copyOf(defaults);
    }

    /** Fields whose value is a wall-clock time, not a figure of the history. */
    private static final Set<String> WALL_CLOCK_FIELDS = Set.of("asOf", "openAsOf", "openDealsAsOf");
    private static final String METRIC_TOPICS = "pipeline.metrics.";
    private static final int MAX_SHOWN = 20;

    private InstanceAgreement() {
    }

    static void main(String[] args, PrintStream out, PrintStream progress) throws Exception {
        Map<String, String> options = NamedOptions.parse(args, DEFAULTS, usage(), out);
        if (options == null) {
            return;
        }
        Path outDir = Path.of(options.get("out").isBlank() ? "benchmark/target/agreement" : options.get("out"))
                .toAbsolutePath();
        String run = options.get("run-id").isBlank() ? "agree" + options.get("seed").trim() : options.get("run-id");
        List<Path> snapshots = new ArrayList<>();
        for (String instances : List.of(options.get("instances"), options.get("other-instances"))) {
            String name = instances.replaceAll("[^0-9]", "");
            Map<String, String> runOptions = new LinkedHashMap<>(options);
            runOptions.remove("other-instances");
            runOptions.put("instances", instances);
            runOptions.put("run-id", run);
            runOptions.put("out", outDir.resolve("instances-" + name).toString());
            Path snapshot = outDir.resolve("instances-" + name + ".json");
            Files.deleteIfExists(snapshot);
            runOptions.put("snapshot", snapshot.toString());
            progress.println("Load of run " + run + " on " + instances);
            JsonNode report = new FaultRun(runOptions, out, progress).run();
            if (!report.path("reconciliation").path("agrees").asBoolean() || !Files.exists(snapshot)) {
                out.println("The run on " + instances + " did not settle: nothing to compare");
                System.exit(1);
            }
            snapshots.add(snapshot);
        }
        JsonMapper json = JsonMapper.builder().build();
        JsonNode first = json.readTree(Files.readString(snapshots.get(0)));
        List<String> differences = differences(first, json.readTree(Files.readString(snapshots.get(1))));
        long metricKeys = 0;
        for (JsonNode topic : first.path("metrics")) {
            metricKeys += topic.size();
        }
        out.printf("Instances %s and %s: %d cards and %d metric keys of %d topics compared, %d differences%n",
                options.get("instances"), options.get("other-instances"), first.path("cards").size(), metricKeys,
                first.path("metrics").size(), differences.size());
        differences.stream().limit(MAX_SHOWN).forEach(difference -> out.println("  " + difference));
        if (!differences.isEmpty()) {
            System.exit(1);
        }
    }

    static String usage() {
        return """
                Usage: java -jar benchmark.jar agreement [options]
                Runs the same seeded load, without faults, on a stack with one instance of each service and on one
                with two, and compares every card of the run and the last value of every key of every metric
                topic. Exits 1 on any difference. Takes the options of the fault run, with these defaults:
                  --instances=<counts>        the first stack, default command=1,query=1,analytics=1
                  --other-instances=<counts>  the second stack, default command=2,query=2,analytics=2
                  --commands-per-client=<n>   default 500
                  --business-time=<iso>       default 2026-11-02T08:00:00Z
                  --faults=0 --quiet-seconds=0 --load-seconds=0, --out default benchmark/target/agreement
                """;
    }

    /**
     * Writes every card of the run's deals, as the query service answers it, and the last value of every key of
     * every metric topic (tombstoned keys left out), without the fields of {@link #WALL_CLOCK_FIELDS}.
     */
    static void snapshot(Path file, String kafka, URI queryService, String token, List<FaultClients.Accepted> accepted,
                         JsonMapper json) throws Exception {
        Set<String> deals = accepted.stream().map(FaultClients.Accepted::dealId).collect(Collectors.toCollection(
                TreeSet::new));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, JsonNode> cards = new TreeMap<>();
        for (String deal : deals) {
            HttpRequest request = HttpRequest.newBuilder(queryService.resolve("deals/"
                            + URLEncoder.encode(deal, StandardCharsets.UTF_8)))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(20)).GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("GET deals/" + deal + " answered " + response.statusCode());
            }
            cards.put(deal, withoutWallClock(json.readTree(response.body())));
        }
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("cards", cards);
        snapshot.put("metrics", metrics(kafka, json));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, json.writeValueAsString(snapshot));
    }

    /** Per metric topic, the last value of each key, read committed from the beginning to the end. */
    private static Map<String, Map<String, JsonNode>> metrics(String kafka, JsonMapper json) throws Exception {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        List<String> topics;
        try (Admin client = Admin.create(admin)) {
            topics = client.listTopics().names().get().stream()
                    .filter(name -> name.startsWith(METRIC_TOPICS) && !name.endsWith(".dlt"))
                    .sorted()
                    .toList();
        }
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, Map<String, JsonNode>> values = new TreeMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            for (String topic : topics) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                Map<String, JsonNode> latest = new TreeMap<>();
                while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                        if (record.value() == null) {
                            latest.remove(record.key());
                        } else {
                            latest.put(record.key(), withoutWallClock(json.readTree(record.value())));
                        }
                    }
                }
                values.put(topic, latest);
            }
        }
        return values;
    }

    private static JsonNode withoutWallClock(JsonNode node) {
        if (node instanceof ObjectNode object) {
            WALL_CLOCK_FIELDS.forEach(object::remove);
        }
        return node;
    }

    /** What differs between two snapshots: a card or key only in one, or with another value. */
    static List<String> differences(JsonNode a, JsonNode b) {
        List<String> differences = new ArrayList<>();
        compare("card", a.path("cards"), b.path("cards"), differences);
        Set<String> topics = new TreeSet<>(a.path("metrics").propertyNames());
        topics.addAll(b.path("metrics").propertyNames());
        for (String topic : topics) {
            compare(topic, a.path("metrics").path(topic), b.path("metrics").path(topic), differences);
        }
        return differences;
    }

    private static void compare(String what, JsonNode a, JsonNode b, List<String> differences) {
        Set<String> keys = new TreeSet<>(a.propertyNames());
        keys.addAll(b.propertyNames());
        for (String key : keys) {
            JsonNode first = a.get(key);
            JsonNode second = b.get(key);
            if (first == null || second == null) {
                differences.add(what + " " + key + " only with " + (first == null ? "the second" : "the first")
                        + " instances");
            } else if (!first.equals(second)) {
                differences.add(what + " " + key + ": " + first + " against " + second);
            }
        }
    }
}
