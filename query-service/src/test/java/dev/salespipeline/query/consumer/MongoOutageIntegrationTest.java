package dev.salespipeline.query.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.envelope.EventTypes;
import dev.salespipeline.infra.embedded.EmbeddedMongo;
import dev.salespipeline.testsupport.Infrastructure;
import dev.salespipeline.testsupport.TestTokens;
import dev.salespipeline.testsupport.WithInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * MongoDB goes away for 30 seconds while events keep arriving: nothing is dead-lettered, health is DOWN while the
 * projection waits and names the record it waits on, and once MongoDB is back every event reaches the read model and
 * health is UP again. The MongoDB server is this test's own (its data in a file, so that it survives the restart).
 */
@WithInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"pipeline.query.consumer-group=" + MongoOutageIntegrationTest.GROUP,
                "pipeline.consumers.stuck-after=5s", "pipeline.consumers.sample-interval=1s"})
class MongoOutageIntegrationTest {

    static final String GROUP = "query-service-mongo-outage";
    private static final String DEAD_LETTERS = "pipeline.events.v1.query-service.dlt";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN = TestTokens.user("ada").roles("admin").token();
    private static final Path DATA = temporaryFile();
    private static final int MONGO_PORT = freePort();
    private static volatile EmbeddedMongo mongo = EmbeddedMongo.start(DATA, MONGO_PORT);

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> mongo.connectionString("mongo_outage")
                + "?serverSelectionTimeoutMS=2000&connectTimeoutMS=1000");
        registry.add("spring.kafka.bootstrap-servers", Infrastructure.shared()::kafkaBootstrapServers);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @Test
    void eventsWaitForMongoWithoutBeingDeadLetteredAndHealthSaysSo() throws Exception {
        Map<TopicPartition, Long> deadLettersBefore = endOffsets(DEAD_LETTERS);
        List<String> opened = new CopyOnWriteArrayList<>();
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        try (KafkaProducer<String, String> producer = producer()) {
            load.scheduleAtFixedRate(() -> {
                String deal = "deal-outage-" + UUID.randomUUID();
                try {
                    producer.send(new ProducerRecord<>(Topics.PIPELINE_EVENTS, deal, published(new DealOpened(deal,
                            "sales", "lead", "Outage", "anna", "north", Money.of("10.00", "EUR"),
                            Instant.parse("2026-11-16T09:00:00Z"))))).get();
                    opened.add(deal);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, 0, 200, TimeUnit.MILLISECONDS);

            await().atMost(Duration.ofSeconds(30)).until(() -> opened.size() >= 10
                    && cardExists(opened.get(0)) && "UP".equals(health().path("status").asString()));

            mongo.close();
            Instant stopped = Instant.now();
            await().atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofMillis(500)).until(() ->
                    "DOWN".equals(health().path("components").path("consumers").path("status").asString()));
            JsonNode consumers = health();
            assertThat(consumers.path("status").asString()).isEqualTo("DOWN");
            JsonNode stuck = consumers.path("components").path("consumers").path("details").path("consumers")
                    .path(GROUP).path("stuck");
            assertThat(stuck.isArray() && !stuck.isEmpty()).as("stuck partitions in %s", consumers).isTrue();
            JsonNode waiting = stuck.get(0);
            assertThat(waiting.path("topic").asString()).isEqualTo(Topics.PIPELINE_EVENTS);
            assertThat(waiting.path("offset").isNumber()).isTrue();
            assertThat(waiting.path("lag").asLong()).isPositive();
            // The record it cannot get past, and why (listed first): a failure that passes, retried, not dead-lettered.
            await().atMost(Duration.ofSeconds(20)).until(() -> firstStuck().has("exception"));
            JsonNode failing = firstStuck();
            assertThat(failing.path("exception").asString()).startsWith("org.springframework.dao.");
            assertThat(failing.path("failingOffset").asLong()).isEqualTo(failing.path("offset").asLong());
            assertThat(failing.path("attempts").asInt()).isPositive();

            // For the rest of the 30 s outage, health stays DOWN while events keep arriving.
            Duration rest = Duration.ofSeconds(30).minus(Duration.between(stopped, Instant.now()));
            if (rest.compareTo(Duration.ofSeconds(1)) > 0) {
                await().during(rest).atMost(rest.plusSeconds(15)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> "DOWN".equals(health().path("status").asString()));
            }
            mongo = EmbeddedMongo.start(DATA, MONGO_PORT);

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> "UP".equals(health().path("status").asString()));
            load.shutdown();
            assertThat(load.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            load.shutdownNow();
        }

        List<String> all = new ArrayList<>(opened);
        assertThat(all.size()).isGreaterThan(150);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> all.stream().allMatch(this::cardExists));
        // Other tests' records on the topic may be dead-lettered by this group too; none of this test's may be.
        assertThat(deadLettersOfThisGroup(deadLettersBefore)).extracting(ConsumerRecord::key).doesNotContainAnyElementsOf(all);
        assertThat(health().path("status").asString()).isEqualTo("UP");
    }

    private JsonNode firstStuck() {
        JsonNode stuck = health().path("components").path("consumers").path("details").path("consumers").path(GROUP)
                .path("stuck");
        return stuck.isArray() && !stuck.isEmpty() ? stuck.get(0) : JSON.createObjectNode();
    }

    private boolean cardExists(String deal) {
        return client().get().uri("/deals/" + deal).headers(h -> h.setBearerAuth(ADMIN)).retrieve()
                .toBodilessEntity().getStatusCode().value() == 200;
    }

    private JsonNode health() {
        ResponseEntity<JsonNode> health = client().get().uri("/actuator/health").headers(h -> h.setBearerAuth(ADMIN))
                .retrieve().toEntity(JsonNode.class);
        return health.getBody() == null ? JSON.createObjectNode() : health.getBody();
    }

    private RestClient client() {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    private static String published(DomainEvent event) {
        return JSON.writeValueAsString(new EventEnvelope<>(UUID.randomUUID().toString(),
                EventTypes.nameOf(event.getClass()), EventTypes.versionOf(event.getClass()), event.aggregateId(), 0, 1,
                event.occurredAt(), event.occurredAt().plusSeconds(1), "anna", "api", "c-" + UUID.randomUUID(), event));
    }

    private static List<ConsumerRecord<String, String>> deadLettersOfThisGroup(Map<TopicPartition, Long> from) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> ends = consumer.endOffsets(from.keySet());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    Header group = record.headers().lastHeader("x-dead-letter-consumer");
                    if (group != null && GROUP.equals(new String(group.value(), StandardCharsets.UTF_8))) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    private static Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(10))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            return consumer.endOffsets(partitions);
        }
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static KafkaProducer<String, String> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static Path temporaryFile() {
        try {
            return Files.createTempDirectory("mongo-outage").resolve("read-models.mv");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
