package dev.salespipeline.query;

import java.time.Instant;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import dev.salespipeline.api.Topics;
import dev.salespipeline.testsupport.Infrastructure;
import dev.salespipeline.testsupport.TestTokens;
import dev.salespipeline.testsupport.WithInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The query service on real Kafka and the MongoDB wire protocol, one application context for all
 * test classes that extend this, with callers with tokens of each role, a producer for the event
 * topic, and helpers for REST calls.
 */
@WithInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"pipeline.query.consumer-group=" + QueryServiceTestBase.CONSUMER_GROUP,
                "pipeline.security.allowed-origins=https://pipeline.example.com"})
public abstract class QueryServiceTestBase {

    protected static final String CONSUMER_GROUP = "query-service-it";
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final Instant MONDAY_MORNING = Instant.parse("2026-11-16T09:00:00Z");

    protected static final String ANNA = TestTokens.user("anna").roles("rep").team("north").token();
    protected static final String BEN = TestTokens.user("ben").roles("rep").team("north").token();
    protected static final String SAM = TestTokens.user("sam").roles("rep").team("south").token();
    protected static final String MAX = TestTokens.user("max").roles("manager").team("north").token();
    protected static final String NINA = TestTokens.user("nina").roles("manager").team("south").token();
    protected static final String ADA = TestTokens.user("ada").roles("admin").token();
    protected static final String VERA = TestTokens.user("vera").roles("viewer").token();
    protected static final String TELEPHONY = TestTokens.user("telephony").roles("integration").token();

    private static KafkaProducer<String, String> producer;

    @Value("${local.server.port}")
    protected int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure infrastructure = Infrastructure.shared();
        registry.add("spring.mongodb.uri", () -> infrastructure.mongoUri("query_service_it"));
        registry.add("spring.kafka.bootstrap-servers", infrastructure::kafkaBootstrapServers);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
    }

    @BeforeAll
    static void connect() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void disconnect() {
        producer.close();
    }

    protected RestClient client() {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    protected ResponseEntity<JsonNode> get(String path) {
        return get(path, ADA);
    }

    protected ResponseEntity<JsonNode> get(String path, String token) {
        return client().get().uri(path)
                .headers(headers -> {
                    if (token != null) {
                        headers.setBearerAuth(token);
                    }
                })
                .retrieve().toEntity(JsonNode.class);
    }

    /** Publishes a record to the event topic and waits until the broker has it. */
    protected void publish(String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.PIPELINE_EVENTS, key, value)).get();
    }
}
