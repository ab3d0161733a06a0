package dev.salespipeline.command.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.salespipeline.api.Topics;
import dev.salespipeline.api.activity.ActivityIds;
import dev.salespipeline.infra.embedded.EmbeddedKafka;
import dev.salespipeline.infra.embedded.EmbeddedPostgres;
import dev.salespipeline.testsupport.TestTokens;
import dev.salespipeline.testsupport.WithInfrastructure;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event store goes away while a valid report is on the ingest topic: the report is retried, not
 * dead-lettered, and recorded once PostgreSQL is back.
 *
 * <p>Runs its own PostgreSQL server, on a data directory of its own, so that it can stop and start it, and its own
 * broker, so that its ingest consumer does not share the partitions of the other tests' consumer group.
 */
@WithInfrastructure
@SpringBootTest(properties = "spring.datasource.hikari.connection-timeout=1500")
class IngestDatabaseOutageIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Path databaseDirectory;
    private static EmbeddedPostgres database;
    private static EmbeddedKafka broker;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier("activityDeliveryHealthIndicator")
    HealthIndicator deliveryHealth;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws IOException {
        databaseDirectory = Files.createTempDirectory("ingest-outage-postgres");
        database = EmbeddedPostgres.start(databaseDirectory, 0);
        registry.add("spring.datasource.url", () -> database.jdbcUrl(EmbeddedPostgres.DEFAULT_DATABASE));
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        broker = EmbeddedKafka.start(Files.createTempDirectory("ingest-outage-kafka"), 0);
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
    }

    @AfterAll
    static void stopServers() {
        if (database != null) {
            database.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aReportThatMeetsAnOutageIsRetriedNotDeadLetteredAndRecordedOnceTheDatabaseIsBack() throws Exception {
        String externalId = "call-" + UUID.randomUUID();
        String key = "outage-" + UUID.randomUUID();
        try (KafkaProducer<String, String> ingest = producer(); KafkaConsumer<String, String> deadLetters = consumer()) {
            int port = database.port();
            database.close();

            ingest.send(new ProducerRecord<>(Topics.ACTIVITY_INGEST, key, report(externalId))).get();
            // Long enough for several retries with back-off (200 ms, 400 ms, ... 6.4 s).
            List<ConsumerRecord<String, String>> deadLettered = new ArrayList<>();
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < until) {
                deadLetters.poll(Duration.ofMillis(500)).forEach(deadLettered::add);
            }
            assertThat(deadLettered).filteredOn(record -> key.equals(record.key()))
                    .as("a report that met an outage").isEmpty();
            // The delivery cannot read the event store either: it retries, and its health says so.
            await().atMost(Duration.ofSeconds(30)).until(() -> Status.DOWN.equals(deliveryHealth.health().getStatus()));

            database = EmbeddedPostgres.start(databaseDirectory, port);
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> jdbc.queryForObject(
                    "select count(*) from domainevententry where aggregateidentifier = ?", Integer.class,
                    ActivityIds.of("acme-phone", externalId)) == 1);
            deadLetters.poll(Duration.ofSeconds(1)).forEach(deadLettered::add);
            assertThat(deadLettered).filteredOn(record -> key.equals(record.key())).isEmpty();
            await().atMost(Duration.ofSeconds(60)).until(() -> Status.UP.equals(deliveryHealth.health().getStatus()));
        }
    }

    private static String report(String externalId) {
        return JSON.writeValueAsString(Map.of("sourceSystem", "acme-phone", "externalId", externalId, "kind", "CALL",
                "direction", "INBOUND", "occurredAt", Instant.now().minusSeconds(60).toString(),
                "phoneNumber", "+49 30 7654321", "durationSeconds", 12));
    }

    private static KafkaProducer<String, String> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "ingest-outage-dlt-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.ACTIVITY_INGEST_DEAD_LETTERS));
        return consumer;
    }
}
