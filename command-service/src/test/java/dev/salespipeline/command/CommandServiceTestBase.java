package dev.salespipeline.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import dev.salespipeline.api.Topics;
import dev.salespipeline.api.pipeline.PipelineTemplates;
import dev.salespipeline.testsupport.Infrastructure;
import dev.salespipeline.testsupport.TestTokens;
import dev.salespipeline.testsupport.WithInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command service on real PostgreSQL and Kafka, one application context for all test classes
 * that extend this, with the default pipeline {@value #PIPELINE} defined, callers with tokens of each
 * role, and helpers for REST calls.
 */
@WithInfrastructure
// Without the cache, and with a low snapshot threshold, every command loads its deal from the store,
// through snapshots once a deal has a few events.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"pipeline.deals.cache=false", "pipeline.deals.snapshot-threshold=5",
                "pipeline.ingest.webhook.secrets.acme-phone=" + CommandServiceTestBase.WEBHOOK_SECRET + ",rotated-out-secret"})
public abstract class CommandServiceTestBase {

    protected static final String PIPELINE = "sales";
    /** The activity webhook's secret for the source system {@code acme-phone}. */
    protected static final String WEBHOOK_SECRET = "webhook-test-secret";
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    protected static final String ANNA = TestTokens.user("anna").roles("rep").team("north").token();
    protected static final String BEN = TestTokens.user("ben").roles("rep").team("north").token();
    protected static final String SAM = TestTokens.user("sam").roles("rep").team("south").token();
    protected static final String MAX = TestTokens.user("max").roles("manager").team("north").token();
    protected static final String NINA = TestTokens.user("nina").roles("manager").team("south").token();
    protected static final String ADA = TestTokens.user("ada").roles("admin").token();
    protected static final String VERA = TestTokens.user("vera").roles("viewer").token();
    protected static final String TELEPHONY = TestTokens.user("telephony").roles("integration").token();

    private static volatile boolean pipelineDefined;
    /** Reads the event topic from the start, for tests that check what was published. */
    protected static KafkaConsumer<String, String> topic;
    protected static final List<ConsumerRecord<String, String>> published = new ArrayList<>();

    @Value("${local.server.port}")
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected CommandGateway commands;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure infrastructure = Infrastructure.shared();
        registry.add("spring.datasource.url", () -> infrastructure.createPostgresDatabase("command_service_it"));
        registry.add("spring.datasource.username", infrastructure::postgresUsername);
        registry.add("spring.datasource.password", infrastructure::postgresPassword);
        registry.add("spring.kafka.bootstrap-servers", infrastructure::kafkaBootstrapServers);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
    }

    @BeforeAll
    static void subscribeToTheTopic() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "command-service-it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        topic = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        topic.subscribe(List.of(Topics.PIPELINE_EVENTS));
    }

    @AfterAll
    static void unsubscribeFromTheTopic() {
        topic.close();
        published.clear();
    }

    /** Reads the topic until a record with this key has come, and returns how many have come by then. */
    protected static long awaitPublishedCount(String key, long atLeast) {
        return awaitPublishedCount(key, atLeast, Duration.ofSeconds(60));
    }

    /** As {@link #awaitPublishedCount(String, long)}, waiting at most {@code within}. */
    protected static long awaitPublishedCount(String key, long atLeast, Duration within) {
        return await().atMost(within).until(() -> {
            topic.poll(Duration.ofMillis(200)).forEach(published::add);
            return published.stream().filter(r -> key.equals(r.key())).count();
        }, count -> count >= atLeast);
    }

    /** A new deal id whose events fall in this segment of two (the publisher's segments split by aggregate id). */
    protected static String dealInSegment(int segmentId) {
        org.axonframework.eventhandling.Segment segment = org.axonframework.eventhandling.Segment.ROOT_SEGMENT
                .split()[segmentId];
        return java.util.stream.Stream.generate(() -> "deal-" + UUID.randomUUID())
                .filter(segment::matches)
                .findFirst()
                .orElseThrow();
    }

    /** The first envelope published with this key. */
    protected static JsonNode awaitPublished(String key) {
        awaitPublishedCount(key, 1);
        return published.stream().filter(r -> key.equals(r.key())).findFirst()
                .map(r -> JSON.readTree(r.value())).orElseThrow();
    }

    @BeforeEach
    void defineTheDefaultPipeline() {
        if (pipelineDefined) {
            return;
        }
        try {
            commands.sendAndWait(GenericCommandMessage
                    .asCommandMessage(PipelineTemplates.defaultPipeline(PIPELINE, "Sales", Instant.now()))
                    .withMetaData(Map.of("actor", "ada", "roles", "admin", "source", "api", "correlationId", "setup")));
        } catch (AggregateStreamCreationException alreadyThere) {
            // defined by an earlier run on the same database
        }
        pipelineDefined = true;
    }

    protected static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    protected RestClient client() {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    protected ResponseEntity<JsonNode> post(String path, Map<String, ?> body, Map<String, String> headers) {
        return client().post().uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> headers.forEach(h::add))
                .body(JSON.writeValueAsString(body))
                .retrieve()
                .toEntity(JsonNode.class);
    }

    protected ResponseEntity<JsonNode> put(String path, Map<String, ?> body, Map<String, String> headers) {
        return client().put().uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> headers.forEach(h::add))
                .body(JSON.writeValueAsString(body))
                .retrieve()
                .toEntity(JsonNode.class);
    }

    protected ResponseEntity<JsonNode> delete(String path, Map<String, String> headers) {
        return client().delete().uri(path)
                .headers(h -> headers.forEach(h::add))
                .retrieve()
                .toEntity(JsonNode.class);
    }

    protected static Map<String, Object> openDeal(String dealId) {
        return Map.of("dealId", dealId, "pipelineId", PIPELINE, "stageId", "lead", "title", "Forty seats",
                "ownerId", "anna", "teamId", "north", "amount", "1500.00", "currency", "EUR",
                "occurredAt", "2026-11-16T09:00:00Z");
    }

    protected String annasDeal() {
        String dealId = "deal-" + UUID.randomUUID();
        assertThat(post("/deals", openDeal(dealId), bearer(ANNA)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return dealId;
    }

    /** A deal of Anna's whose client can be reached at this phone number and address (either may be null). */
    protected String annasDealWithClient(String phone, String email) {
        String dealId = annasDeal();
        Map<String, Object> client = new HashMap<>();
        client.put("company", "Acme");
        client.put("phone", phone);
        client.put("email", email);
        assertThat(put("/deals/" + dealId + "/details", Map.of("title", "Forty seats", "client", client), bearer(ANNA))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        return dealId;
    }

    /** The envelopes published with this key so far, read from the topic until at least this many came. */
    protected static List<JsonNode> awaitEnvelopes(String key, int atLeast) {
        awaitPublishedCount(key, atLeast);
        return published.stream().filter(r -> key.equals(r.key())).map(r -> JSON.readTree(r.value())).toList();
    }

    /**
     * Sends the body with {@code Transfer-Encoding: chunked}, without a Content-Length, as a client streaming
     * a body of unknown length does; answers status and body.
     */
    protected ResponseEntity<JsonNode> sendChunked(String method, String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", MediaType.APPLICATION_JSON_VALUE)
                .method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        headers.forEach(request::header);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            HttpHeaders responseHeaders = new HttpHeaders();
            response.headers().map().forEach(responseHeaders::addAll);
            return ResponseEntity.status(response.statusCode()).headers(responseHeaders)
                    .body(response.body().isEmpty() ? null : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A 413 problem document, as BodyLimitFilter answers a body over its limit. */
    protected static void assertTooLarge(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().path("status").asInt()).isEqualTo(413);
        assertThat(response.getBody().path("detail").asString()).contains("larger than");
    }

    protected int storedEvents(String aggregateId) {
        return jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ?",
                Integer.class, aggregateId);
    }
}
