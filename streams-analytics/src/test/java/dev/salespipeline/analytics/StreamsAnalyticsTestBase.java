package dev.salespipeline.analytics;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.envelope.EventTypes;
import dev.salespipeline.testsupport.Infrastructure;
import dev.salespipeline.testsupport.TestTokens;
import dev.salespipeline.testsupport.WithInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The analytics application on a real broker with exactly-once processing, one application context for every test
 * class that extends this, trusting {@link TestTokens}; with a token of each kind of caller, and producers, consumers
 * and HTTP clients for the tests.
 */
@WithInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class StreamsAnalyticsTestBase {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final Instant MONDAY_MORNING = Instant.parse("2026-11-16T09:00:00Z");

    protected static final String ADA = TestTokens.user("ada").roles("admin").token();
    protected static final String VERA = TestTokens.user("vera").roles("viewer").token();
    protected static final String MAX = TestTokens.user("max").roles("manager").team("north").token();
    protected static final String ANNA = TestTokens.user("anna").roles("rep").team("north").token();
    protected static final String TELEPHONY = TestTokens.user("telephony").roles("integration").token();

    @Value("${local.server.port}")
    protected int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        registry.add("pipeline.streams.bootstrap-servers", Infrastructure.shared()::kafkaBootstrapServers);
        registry.add("pipeline.streams.application-id", () -> "streams-analytics-it-" + UUID.randomUUID());
        String stateDir = Files.createTempDirectory("streams-analytics-it").toString();
        registry.add("pipeline.streams.state-dir", () -> stateDir);
        registry.add("pipeline.alerts.stalled-deals.scan-interval", () -> "1s");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** A client of this instance's HTTP port that sends {@code token}, or no Authorization header when null. */
    protected RestClient http(String token) {
        return RestClient.builder().baseUrl(baseUrl())
                .defaultHeaders(headers -> {
                    if (token != null) {
                        headers.setBearerAuth(token);
                    }
                })
                .build();
    }

    /**
     * Waits until {@code path} answers 200 to {@code token} (state appears once the events are processed, and a store
     * is not queryable while the application rebalances), and returns the answer.
     */
    protected JsonNode awaitOk(String token, String path) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .alias("200 from GET " + path)
                .until(() -> http(token).get().uri(path).exchange((request, response) ->
                        response.getStatusCode().value() == 200 ? response.bodyTo(JsonNode.class) : null),
                        body -> body != null);
    }

    /** An event in its envelope as command-service publishes it, done by {@code actor}. */
    protected static EventEnvelope<DomainEvent> asPublished(long aggregateSequence, DomainEvent event, String actor) {
        return new EventEnvelope<>(UUID.randomUUID().toString(), EventTypes.nameOf(event.getClass()),
                EventTypes.versionOf(event.getClass()), event.aggregateId(), aggregateSequence, 0, event.occurredAt(),
                event.occurredAt(), actor, "web", UUID.randomUUID().toString(), event);
    }

    /** Publishes the envelopes to the event topic, in order, each keyed by its aggregate, and waits for the broker. */
    protected static void publish(List<EventEnvelope<DomainEvent>> envelopes) throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            for (EventEnvelope<DomainEvent> envelope : envelopes) {
                producer.send(new ProducerRecord<>(Topics.PIPELINE_EVENTS, envelope.aggregateId(),
                        JSON.writeValueAsString(envelope))).get();
            }
        }
    }

    protected static KafkaProducer<String, String> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers());
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    protected static KafkaConsumer<String, String> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "metrics-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }
}
