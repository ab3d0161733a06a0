package dev.salespipeline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.salespipeline.api.Topics;

/**
 * The launcher's stack with two instances of each service, from their real jars: commands for one deal go to
 * either command-service, the two share the publisher's segments, and every deal's events reach the topic once
 * each and in order; both query-services serve the same read model; when a command-service and a
 * streams-analytics instance are killed ({@code kill -9}), the other instance takes over their work, and the
 * metric counts every deal exactly once.
 */
class SeveralInstancesEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final ServiceInstance COMMAND_1 = new ServiceInstance(Service.COMMAND, 1);
    private static final ServiceInstance COMMAND_2 = new ServiceInstance(Service.COMMAND, 2);
    private static final ServiceInstance QUERY_1 = new ServiceInstance(Service.QUERY, 1);
    private static final ServiceInstance QUERY_2 = new ServiceInstance(Service.QUERY, 2);
    private static final ServiceInstance ANALYTICS_1 = new ServiceInstance(Service.ANALYTICS, 1);

    @TempDir
    static Path dataDir;

    private static LocalStack stack;
    private static String admin;
    private static String anna;

    @BeforeAll
    static void startTwoOfEach() throws Exception {
        int basePort = TestPorts.freeRunForTwoInstances();
        stack = new LocalStack(LauncherOptions.parse(new String[] {
                "--data-dir=" + dataDir, "--repo-root=" + Path.of("..").toAbsolutePath().normalize(),
                "--instances=command=2,query=2,analytics=2", "--command-port=" + basePort,
                "--query-port=" + (basePort + 1), "--analytics-port=" + (basePort + 2),
                "--kafka-port=0", "--postgres-port=0", "--mongo-port=0", "--identity-port=0", "--startup-timeout=300"
        }, new Properties()));
        stack.start();
        admin = stack.identity().issueToken("ada", Duration.ofHours(1));
        anna = stack.identity().issueToken("anna", Duration.ofHours(1));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void twoInstancesOfEachServiceShareTheWorkAndTakeOverFromAKilledOne() throws Exception {
        String pipeline = "pipeline-" + UUID.randomUUID();
        HttpResponse<String> defined = send(COMMAND_1, "POST", "/pipelines/template", admin,
                Map.of("pipelineId", pipeline), null);
        assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);

        // each deal is opened through one command-service and moved through the other, on the version it answered
        List<String> deals = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ServiceInstance opening = i % 2 == 0 ? COMMAND_1 : COMMAND_2;
            ServiceInstance moving = i % 2 == 0 ? COMMAND_2 : COMMAND_1;
            String deal = "deal-" + UUID.randomUUID();
            HttpResponse<String> opened = openDeal(opening, deal, pipeline);
            assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
            HttpResponse<String> moved = send(moving, "PUT", "/deals/" + deal + "/stage", anna,
                    Map.of("stageId", "qualified"), opened.headers().firstValue("ETag").orElseThrow());
            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
            deals.add(deal);
        }

        // the publisher's two segments end up one on each command-service
        await().atMost(WAIT).until(() -> publisherSegments(COMMAND_1) == 1 && publisherSegments(COMMAND_2) == 1);

        try (KafkaConsumer<String, String> topic = topicFromTheStart()) {
            Map<String, List<Long>> sequences = new LinkedHashMap<>();
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, String> record : topic.poll(Duration.ofMillis(200))) {
                    sequences.computeIfAbsent(record.key(), key -> new ArrayList<>())
                            .add(JSON.readTree(record.value()).get("aggregateSequence").asLong());
                }
                return deals.stream().allMatch(deal -> sequences.getOrDefault(deal, List.of()).size() >= 2);
            });
            assertThat(deals).allSatisfy(deal -> assertThat(sequences.get(deal)).containsExactly(0L, 1L));
        }
        for (ServiceInstance query : List.of(QUERY_1, QUERY_2)) {
            await().atMost(WAIT).until(() -> allOnStage(query, deals, "qualified"));
        }
        await().atMost(WAIT).until(() -> dealsOpened(QUERY_2, pipeline) == 10);

        // a crash of a command-service: the other one claims its segment and publishes what comes next
        stack.kill(COMMAND_1);
        String afterCommandCrash = "deal-" + UUID.randomUUID();
        assertThat(openDeal(COMMAND_2, afterCommandCrash, pipeline).statusCode()).isEqualTo(201);
        await().atMost(WAIT).until(() -> stageOnCard(QUERY_1, afterCommandCrash).equals("lead"));
        // the new deal may fall in the segment command-service-2 held already: its claim on the other one comes once
        // the killed instance's claim has expired
        await().atMost(WAIT).until(() -> publisherSegments(COMMAND_2) == 2);

        // a crash of a streams-analytics: the other one restores its tasks from the changelogs and counts on
        stack.kill(ANALYTICS_1);
        String afterAnalyticsCrash = "deal-" + UUID.randomUUID();
        assertThat(openDeal(COMMAND_2, afterAnalyticsCrash, pipeline).statusCode()).isEqualTo(201);
        await().atMost(WAIT).until(() -> dealsOpened(QUERY_1, pipeline) == 12);

        // the killed command-service comes back and takes its share again
        stack.restart(COMMAND_1);
        await().atMost(WAIT).until(() -> publisherSegments(COMMAND_1) == 1 && publisherSegments(COMMAND_2) == 1);
        assertThat(dealsOpened(QUERY_2, pipeline)).isEqualTo(12);
    }

    private static HttpResponse<String> openDeal(ServiceInstance command, String deal, String pipeline)
            throws Exception {
        return send(command, "POST", "/deals", anna, Map.of("dealId", deal, "pipelineId", pipeline, "stageId", "lead",
                "title", "Forty seats", "ownerId", "anna", "amount", "1500.00", "currency", "EUR"), null);
    }

    private static HttpResponse<String> send(ServiceInstance instance, String method, String path, String token,
                                             Map<String, ?> body, String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(instance, path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(ServiceInstance instance, String path, String token) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(instance, path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 || response.statusCode() == 503 ? JSON.readTree(response.body()) : null;
    }

    /** How many segments of the publisher this command-service holds, from its health (details for admins). */
    private static int publisherSegments(ServiceInstance command) throws Exception {
        JsonNode health = get(command, "/actuator/health", admin);
        JsonNode segments = health == null ? null : health.at("/components/kafkaPublisher/details/segments");
        return segments == null || segments.isMissingNode() ? -1 : segments.asInt();
    }

    private static boolean allOnStage(ServiceInstance query, List<String> deals, String stage) throws Exception {
        for (String deal : deals) {
            if (!stageOnCard(query, deal).equals(stage)) {
                return false;
            }
        }
        return true;
    }

    private static String stageOnCard(ServiceInstance query, String deal) throws Exception {
        JsonNode card = get(query, "/deals/" + deal, anna);
        return card == null ? "" : card.get("stageId").asString();
    }

    private static long dealsOpened(ServiceInstance query, String pipeline) throws Exception {
        JsonNode values = get(query, "/metrics/opened-deals?pipelineId=" + pipeline, admin);
        if (values == null) {
            return -1;
        }
        for (JsonNode value : values) {
            if (value.get("key").asString().equals(pipeline)) {
                return value.get("value").get("dealsOpened").asLong();
            }
        }
        return 0;
    }

    private static KafkaConsumer<String, String> topicFromTheStart() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.infrastructure().kafka().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "several-instances-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of(Topics.PIPELINE_EVENTS));
        return consumer;
    }

    private static URI uri(ServiceInstance instance, String path) {
        return URI.create("http://localhost:" + stack.options().port(instance) + path);
    }

}
