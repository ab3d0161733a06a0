package dev.salespipeline.command.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.salespipeline.api.Topics;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.deal.MoveDealToStage;
import dev.salespipeline.api.deal.OpenDeal;
import dev.salespipeline.api.pipeline.PipelineTemplates;
import dev.salespipeline.infra.embedded.EmbeddedKafka;
import dev.salespipeline.testsupport.Infrastructure;
import dev.salespipeline.testsupport.TestTokens;
import dev.salespipeline.testsupport.WithInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kafka goes away while commands keep coming: the command side goes on storing events, the
 * publisher reports itself DOWN, and once Kafka is back every event reaches the topic, none missing,
 * in order per deal (duplicates allowed: delivery is at least once).
 *
 * <p>Runs its own broker, on a data directory of its own, so that it can stop and start it.
 */
@WithInfrastructure
@SpringBootTest(properties = {
    "spring.kafka.producer.properties.delivery.timeout.ms=4000",
    "spring.kafka.producer.properties.request.timeout.ms=1500",
    "spring.kafka.producer.properties.linger.ms=0",
    "spring.kafka.producer.properties.max.block.ms=2000",
    "pipeline.publisher.send-timeout=5s"})
class PublisherOutageIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Object> ANNA = Map.of("actor", "anna", "roles", "rep", "team", "north",
            "source", "api", "correlationId", "outage-test");
    private static final Map<String, Object> ADA = Map.of("actor", "ada", "roles", "admin", "source", "api",
            "correlationId", "outage-test");

    private static Path brokerDirectory;
    private static EmbeddedKafka broker;

    @Autowired
    CommandGateway commands;

    @Autowired
    @Qualifier("kafkaPublisherHealthIndicator")
    HealthIndicator publisherHealth;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws IOException {
        Infrastructure infrastructure = Infrastructure.shared();
        brokerDirectory = Files.createTempDirectory("publisher-outage-kafka");
        broker = EmbeddedKafka.start(brokerDirectory, 0);
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
        registry.add("spring.datasource.url", () -> infrastructure.createPostgresDatabase("publisher_outage_it"));
        registry.add("spring.datasource.username", infrastructure::postgresUsername);
        registry.add("spring.datasource.password", infrastructure::postgresPassword);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private void send(Object command, Map<String, Object> metadata) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).withMetaData(metadata));
    }

    private void moveEachDeal(List<String> deals, int times) {
        for (int i = 0; i < times; i++) {
            for (String deal : deals) {
                send(new MoveDealToStage(deal, i % 2 == 0 ? "qualified" : "lead", null, Instant.now()), ANNA);
            }
        }
    }

    private Status publisherStatus() {
        return publisherHealth.health().getStatus();
    }

    private boolean caughtUp() {
        var health = publisherHealth.health();
        return Status.UP.equals(health.getStatus()) && Long.valueOf(0).equals(health.getDetails().get("behind"));
    }

    @Test
    void everyEventReachesKafkaAfterAnOutageInOrderPerDeal() {
        String pipeline = "outage-" + UUID.randomUUID();
        send(PipelineTemplates.defaultPipeline(pipeline, "Outage", Instant.now()), ADA);
        List<String> deals = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String deal = "deal-outage-" + UUID.randomUUID();
            deals.add(deal);
            send(new OpenDeal(deal, pipeline, "lead", "Deal " + i, "anna", "north", Money.of("100.00", "EUR"),
                    Instant.now()), ANNA);
        }
        // Four moves end where the deals started (lead), so each later move is a change again.
        moveEachDeal(deals, 4);
        await().atMost(Duration.ofSeconds(60)).until(this::caughtUp);

        int port = broker.port();
        broker.close();
        moveEachDeal(deals, 3);
        await().atMost(Duration.ofSeconds(60)).until(() -> Status.DOWN.equals(publisherStatus()));

        broker = EmbeddedKafka.start(brokerDirectory, port);
        await().atMost(Duration.ofSeconds(120)).until(this::caughtUp);

        Map<String, List<Long>> sequences = readSequences(deals);
        for (String deal : deals) {
            List<Long> firstOccurrences = new ArrayList<>(new LinkedHashSet<>(sequences.get(deal)));
            assertThat(firstOccurrences).as("events of %s, duplicates removed", deal)
                    .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
        }
    }

    private static Map<String, List<Long>> readSequences(List<String> deals) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "outage-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, List<Long>> sequences = new LinkedHashMap<>();
        deals.forEach(deal -> sequences.put(deal, new ArrayList<>()));
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.PIPELINE_EVENTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline
                    && !sequences.values().stream().allMatch(seen -> new LinkedHashSet<>(seen).size() >= 8)) {
                consumer.poll(Duration.ofMillis(300)).forEach(record -> {
                    if (sequences.containsKey(record.key())) {
                        JsonNode envelope = JSON.readTree(record.value());
                        sequences.get(record.key()).add(envelope.get("aggregateSequence").asLong());
                    }
                });
            }
        }
        return sequences;
    }
}
