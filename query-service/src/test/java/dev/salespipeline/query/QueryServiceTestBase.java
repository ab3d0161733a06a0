package dev.salespipeline.query;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.activity.ActivityIds;
import dev.salespipeline.api.activity.ActivityKind;
import dev.salespipeline.api.activity.ActivityMatch;
import dev.salespipeline.api.activity.ActivityReceived;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.envelope.EventTypes;
import dev.salespipeline.testsupport.Infrastructure;
import dev.salespipeline.testsupport.TestTokens;
import dev.salespipeline.testsupport.WithInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The query service on real Kafka and the MongoDB wire protocol, one application context for all
 * test classes that extend this, with callers with tokens of each role, a producer that publishes
 * to the event topic as the command service does, and helpers for REST calls.
 */
@WithInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"pipeline.query.consumer-group=" + QueryServiceTestBase.CONSUMER_GROUP,
                "pipeline.security.allowed-origins=https://pipeline.example.com",
                "pipeline.web.issuer=https://sso.example.com/realms/sales",
                "pipeline.web.command-service-url=https://commands.example.com",
                // Streams a client closed count until a heartbeat finds them gone: soon, with probes opening many.
                "pipeline.live.heartbeat=2s", "pipeline.live.max-connections-per-user=40",
                // Small enough that a test can put a stream that far behind.
                "pipeline.live.max-replay=200"})
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

    /**
     * Waits until the service has consumed everything on the event topic so far, that is until its
     * consumer group has committed the end offset of every partition. After this, what is not in a read
     * model is not going to be.
     */
    protected static void awaitAllConsumed() throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(Topics.PIPELINE_EVENTS)).allTopicNames().get().get(Topics.PIPELINE_EVENTS)
                    .partitions().forEach(p -> latest.put(new TopicPartition(Topics.PIPELINE_EVENTS, p.partition()),
                            OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(CONSUMER_GROUP).partitionsToOffsetAndMetadata().get();
                return ends.entrySet().stream().allMatch(end -> {
                    OffsetAndMetadata offset = committed.get(end.getKey());
                    return (offset == null ? 0 : offset.offset()) >= end.getValue();
                });
            });
        }
    }

    /** A call that found no deal, as command-service records it. */
    protected static ActivityReceived unmatchedCall(String sourceSystem, String externalId, String ownerId,
                                                    Instant occurredAt) {
        return new ActivityReceived(ActivityIds.of(sourceSystem, externalId), sourceSystem, externalId,
                ActivityKind.CALL, Direction.INBOUND, occurredAt, 95, true, "+49 30 1234567", null, null, null, null,
                null, ownerId, null, ActivityMatch.UNMATCHED);
    }

    /**
     * An event in its envelope as the command service publishes it: type and version from
     * {@link EventTypes}, keyed by its aggregate, recorded a second after it occurred.
     */
    protected static String asPublished(DomainEvent event, long sequence, String actor) {
        Class<?> type = event.getClass();
        return JSON.writeValueAsString(new EventEnvelope<>(UUID.randomUUID().toString(), EventTypes.nameOf(type),
                EventTypes.versionOf(type), event.aggregateId(), sequence, 1, event.occurredAt(),
                event.occurredAt().plusSeconds(1), actor, "integration", "c-" + UUID.randomUUID(), event));
    }
}
