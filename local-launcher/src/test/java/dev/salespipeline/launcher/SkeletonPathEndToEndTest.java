package dev.salespipeline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.salespipeline.testsupport.Infrastructure;
import dev.salespipeline.testsupport.WithInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The walking skeleton, end to end, with the services' real jars in their own processes: a deal
 * opened over REST on command-service is stored by Axon in PostgreSQL, published to Kafka, projected
 * by query-service into MongoDB and counted by streams-analytics. The event store survives a restart
 * of command-service. Requests carry bearer tokens signed by a {@link DevIdentity} whose public key the services are
 * given: of the demo rep {@code anna} to command-service and query-service, of the viewer {@code vera} to
 * streams-analytics.
 */
@WithInfrastructure
class SkeletonPathEndToEndTest {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final String WEBHOOK_SECRET = "end-to-end-webhook-secret";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final Map<Service, Integer> ports = new EnumMap<>(Service.class);
    private static final Map<Service, ServiceProcess> processes = new EnumMap<>(Service.class);
    private static Map<String, String> environment;
    private static Path workDir;
    private static String bearerToken;
    private static String adminToken;
    private static String viewerToken;

    @BeforeAll
    static void startServices() throws IOException {
        Infrastructure infrastructure = Infrastructure.shared();
        workDir = Files.createTempDirectory("end-to-end");
        DevIdentity identity = DevIdentity.open(workDir);
        bearerToken = identity.issueToken("anna", Duration.ofHours(1));
        adminToken = identity.issueToken("ada", Duration.ofHours(1));
        viewerToken = identity.issueToken("vera", Duration.ofHours(1));
        environment = new HashMap<>();
        environment.put(DevIdentity.PUBLIC_KEY_LOCATION_VARIABLE, identity.publicKeyLocation());
        environment.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
        environment.put("POSTGRES_URL", infrastructure.createPostgresDatabase("end_to_end"));
        environment.put("POSTGRES_USER", infrastructure.postgresUsername());
        environment.put("POSTGRES_PASSWORD", infrastructure.postgresPassword());
        environment.put("MONGODB_URI", infrastructure.mongoUri("end_to_end"));
        environment.put("QUERY_CONSUMER_GROUP", "end-to-end-" + UUID.randomUUID());
        environment.put("STREAMS_APPLICATION_ID", "end-to-end-" + UUID.randomUUID());
        environment.put("STREAMS_STATE_DIR", workDir.resolve("streams").toString());
        environment.put("PIPELINE_INGEST_WEBHOOK_SECRETS_DEVPHONE", WEBHOOK_SECRET);

        for (Service service : Service.values()) {
            ports.put(service, freePort());
            processes.put(service, start(service));
        }
        processes.forEach((service, process) -> process.awaitHealthy(ports.get(service), START_TIMEOUT));
    }

    @AfterAll
    static void stopServices() {
        processes.values().forEach(ServiceProcess::close);
    }

    private static ServiceProcess start(Service service) {
        return DashboardStack.startJar(service, ports.get(service), environment, workDir);
    }

    private static int freePort() throws IOException {
        return DashboardStack.freePort();
    }

    private static URI uri(Service service, String path) {
        return URI.create("http://localhost:" + ports.get(service) + path);
    }

    /**
     * A request to a service with anna's token, or to streams-analytics with vera's: its state is for viewers and
     * admins, who may see every team's figures.
     */
    private static HttpRequest.Builder request(Service service, String path) {
        return HttpRequest.newBuilder(uri(service, path))
                .header("Authorization", "Bearer " + (service == Service.ANALYTICS ? viewerToken : bearerToken));
    }

    private static HttpResponse<String> get(Service service, String path) throws IOException, InterruptedException {
        return HTTP.send(request(service, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An admin defines the pipeline from the default template; deals can only be opened in defined pipelines. */
    private static void definePipeline(String pipelineId) throws Exception {
        HttpResponse<String> defined = HTTP.send(HttpRequest.newBuilder(uri(Service.COMMAND, "/pipelines/template"))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("pipelineId", pipelineId))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(defined.statusCode()).as(defined.body()).isIn(201, 409);
    }

    private static HttpResponse<String> openDeal(String dealId, String pipelineId) throws Exception {
        definePipeline(pipelineId);
        String body = JSON.writeValueAsString(Map.of("dealId", dealId, "pipelineId", pipelineId, "stageId", "lead",
                "title", "Forty seats", "ownerId", "anna", "amount", "1500.00", "currency", "EUR"));
        return HTTP.send(request(Service.COMMAND, "/deals")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anOpenedDealTravelsFromTheCommandSideToTheReadModelAndTheMetrics() throws Exception {
        String pipelineId = "pipeline-" + UUID.randomUUID();
        String dealId = "deal-" + UUID.randomUUID();

        HttpResponse<String> opened = openDeal(dealId, pipelineId);
        assertThat(opened.statusCode()).isEqualTo(201);

        JsonNode card = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> get(Service.QUERY, "/deals/" + dealId), response -> response.statusCode() == 200)
                .body().transform(JSON::readTree);
        assertThat(card.get("title").asString()).isEqualTo("Forty seats");
        assertThat(card.get("pipelineId").asString()).isEqualTo(pipelineId);
        assertThat(card.get("amount").get("amount").asString()).isEqualTo("1500.00");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> state = get(Service.ANALYTICS, "/state/opened-deals/" + pipelineId);
            return state.statusCode() == 200 && JSON.readTree(state.body()).get("dealsOpened").asLong() == 1;
        });
    }

    /**
     * A telephony system reports a call with its transcript through the signed webhook: command-service checks the
     * transcript against the dictionaries in force when it logs the call on the deal, and the deal's timeline on
     * query-service shows what was found.
     */
    @Test
    void aCallReportedThroughTheWebhookShowsItsTranscriptsMatchesOnTheTimeline() throws Exception {
        String list = "complaints-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> dictionary = HTTP.send(HttpRequest.newBuilder(uri(Service.COMMAND,
                        "/speech-dictionaries/ru/" + list))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"phrases\":[\"жалоба\"]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(dictionary.statusCode()).as(dictionary.body()).isEqualTo(200);
        String dealId = "deal-" + UUID.randomUUID();
        assertThat(openDeal(dealId, "pipeline-" + UUID.randomUUID()).statusCode()).isEqualTo(201);

        Map<String, Object> report = new HashMap<>(Map.of("sourceSystem", "devphone",
                "externalId", "call-" + UUID.randomUUID(), "kind", "CALL", "direction", "INBOUND",
                "occurredAt", java.time.Instant.now().minusSeconds(300).toString(), "durationSeconds", 95,
                "dealId", dealId, "ownerId", "anna"));
        report.put("transcript", "Добрый день. Я хочу оставить жалобу на доставку.");
        byte[] body = JSON.writeValueAsBytes(report);
        long timestamp = java.time.Instant.now().getEpochSecond();
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(WEBHOOK_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String signature = "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
        HttpResponse<String> delivered = HTTP.send(HttpRequest.newBuilder(uri(Service.COMMAND, "/webhooks/activities"))
                .header("Content-Type", "application/json")
                .header("Webhook-Source", "devphone")
                .header("Webhook-Timestamp", String.valueOf(timestamp))
                .header("Webhook-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(202);

        JsonNode match = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            HttpResponse<String> timeline = get(Service.QUERY, "/deals/" + dealId + "/timeline");
            if (timeline.statusCode() != 200) {
                return null;
            }
            for (JsonNode entry : JSON.readTree(timeline.body()).get("entries")) {
                JsonNode matches = entry.path("activity").path("transcriptMatches");
                for (JsonNode found : matches) {
                    if (found.get("list").asString().equals(list)) {
                        return found;
                    }
                }
            }
            return null;
        }, found -> found != null);
        assertThat(match.get("phrase").asString()).isEqualTo("жалоба");
        assertThat(match.get("text").asString()).isEqualTo("жалобу");
        assertThat(match.get("language").asString()).isEqualTo("ru");
    }

    private static HttpResponse<String> close(String dealId, String outcome, String reason) throws Exception {
        Map<String, String> body = new HashMap<>(Map.of("outcome", outcome));
        if (reason != null) {
            body.put("reason", reason);
        }
        return HTTP.send(request(Service.COMMAND, "/deals/" + dealId + "/outcome")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Commands on command-service change a metric computed by streams-analytics and served by query-service:
     * the event store, the publisher, the metric topology, the metric topic and the read model on the way.
     */
    @Test
    void closingDealsChangesTheWinRateServedByTheQuerySide() throws Exception {
        String pipelineId = "pipeline-" + UUID.randomUUID();
        String won = "deal-" + UUID.randomUUID();
        String lost = "deal-" + UUID.randomUUID();
        assertThat(openDeal(won, pipelineId).statusCode()).isEqualTo(201);
        assertThat(openDeal(lost, pipelineId).statusCode()).isEqualTo(201);
        assertThat(close(won, "WON", null).statusCode()).isEqualTo(200);
        HttpResponse<String> closedLost = close(lost, "LOST", "Price");
        assertThat(closedLost.statusCode()).as(closedLost.body()).isEqualTo(200);

        JsonNode winRate = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            HttpResponse<String> values = get(Service.QUERY,
                    "/metrics/win-rate?pipelineId=" + pipelineId + "&periodType=QUARTER");
            assertThat(values.statusCode()).as(values.body()).isEqualTo(200);
            for (JsonNode value : JSON.readTree(values.body())) {
                if (value.get("key").asString().startsWith(pipelineId + "|*|*|QUARTER|")) {
                    return value.get("value");
                }
            }
            return null;
        }, value -> value != null && value.get("won").asLong() + value.get("lost").asLong() == 2);
        assertThat(winRate.get("won").asLong()).isEqualTo(1);
        assertThat(winRate.get("lost").asLong()).isEqualTo(1);
        assertThat(winRate.get("winRate").asDouble()).isEqualTo(0.5);
    }

    @Test
    void theEventStoreKeepsDealsAcrossARestartOfTheCommandSide() throws Exception {
        String dealId = "deal-" + UUID.randomUUID();
        assertThat(openDeal(dealId, "sales").statusCode()).isEqualTo(201);

        ServiceProcess command = processes.get(Service.COMMAND);
        command.stop(ServiceProcess.DEFAULT_STOP_GRACE);
        assertThat(command.exitCode()).as("stopped cleanly").isNotEmpty();
        ServiceProcess restarted = start(Service.COMMAND);
        processes.put(Service.COMMAND, restarted);
        restarted.awaitHealthy(ports.get(Service.COMMAND), START_TIMEOUT);

        HttpResponse<String> again = openDeal(dealId, "sales");
        assertThat(again.statusCode()).as("the deal is still in the event store").isEqualTo(409);
        List<String> contentTypes = new ArrayList<>(again.headers().allValues("Content-Type"));
        assertThat(contentTypes).containsExactly("application/problem+json");
    }
}
