package dev.salespipeline.command.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.salespipeline.api.Topics;
import dev.salespipeline.api.deal.AddComment;
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
 * An event whose envelope is larger than the producer may send (here 2 KiB, where a real deployment has 1 MiB)
 * cannot ever be published: it goes to the publisher's dead-letter topic, named but without its body, and the
 * events behind it, of the same deal too, are published in order.
 *
 * <p>Runs its own broker, so that its ingest consumer does not share the partitions of the other tests' consumer
 * group.
 */
@WithInfrastructure
@SpringBootTest(properties = "spring.kafka.producer.properties.max.request.size=2048")
class PublisherDeadLetterIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Object> ANNA = Map.of("actor", "anna", "roles", "rep", "team", "north",
            "source", "api", "correlationId", "publisher-dlt-test");
    private static final Map<String, Object> ADA = Map.of("actor", "ada", "roles", "admin", "source", "api",
            "correlationId", "publisher-dlt-test");

    private static EmbeddedKafka broker;
    private static KafkaConsumer<String, String> reader;
    private static final List<ConsumerRecord<String, String>> read = new ArrayList<>();

    @Autowired
    CommandGateway commands;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws IOException {
        Infrastructure infrastructure = Infrastructure.shared();
        broker = EmbeddedKafka.start(Files.createTempDirectory("publisher-dead-letters-kafka"), 0);
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
        registry.add("spring.datasource.url", () -> infrastructure.createPostgresDatabase("publisher_dead_letters_it"));
        registry.add("spring.datasource.username", infrastructure::postgresUsername);
        registry.add("spring.datasource.password", infrastructure::postgresPassword);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
    }

    /** The broker starts with the application context, after the class's {@code @BeforeAll}. */
    private static void subscribe() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "publisher-dlt-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        reader = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        reader.subscribe(List.of(Topics.PIPELINE_EVENTS, Topics.PUBLISHER_DEAD_LETTERS));
    }

    @AfterAll
    static void close() {
        if (reader != null) {
            reader.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private void send(Object command, Map<String, Object> metadata) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).withMetaData(metadata));
    }

    @Test
    void anEventTooLargeToPublishIsDeadLetteredAndTheEventsBehindItArePublished() {
        subscribe();
        String pipeline = "dlt-" + UUID.randomUUID();
        send(PipelineTemplates.defaultPipeline(pipeline, "Dead letters", Instant.now()), ADA);
        String deal = "deal-dlt-" + UUID.randomUUID();
        String other = "deal-dlt-" + UUID.randomUUID();
        send(new OpenDeal(deal, pipeline, "lead", "Big notes", "anna", "north", Money.of("100.00", "EUR"),
                Instant.now()), ANNA);
        // A valid comment, whose envelope is larger than the producer's max.request.size.
        send(new AddComment(deal, "comment-" + UUID.randomUUID(), "Minutes of the call. ".repeat(150), Instant.now()),
                ANNA);
        send(new MoveDealToStage(deal, "qualified", null, Instant.now()), ANNA);
        send(new OpenDeal(other, pipeline, "lead", "Small", "anna", "north", Money.of("5.00", "EUR"), Instant.now()),
                ANNA);

        List<ConsumerRecord<String, String>> published = await().atMost(Duration.ofSeconds(60)).until(
                () -> recordsOf(Topics.PIPELINE_EVENTS, deal, other),
                // the two deals may fall in different segments of the publisher: wait for both, not for the later one
                records -> records.stream().anyMatch(r -> other.equals(r.key()))
                        && records.stream().filter(r -> deal.equals(r.key())).count() >= 2);
        assertThat(published.stream().filter(r -> deal.equals(r.key()))
                .map(r -> JSON.readTree(r.value()).path("aggregateSequence").asLong()).distinct().toList())
                .as("the deal's events behind the dead letter, in order").containsExactly(0L, 2L);

        ConsumerRecord<String, String> deadLetter = await().atMost(Duration.ofSeconds(30)).until(
                () -> recordsOf(Topics.PUBLISHER_DEAD_LETTERS, deal), records -> !records.isEmpty()).get(0);
        JsonNode letter = JSON.readTree(deadLetter.value());
        assertThat(letter.path("consumer").asString()).isEqualTo("kafka-publisher");
        assertThat(letter.path("reason").asString()).isEqualTo("too-large");
        assertThat(letter.path("exception").asString()).isEqualTo(RecordTooLargeException.class.getName());
        assertThat(letter.path("eventType").asString()).isEqualTo("CommentAdded");
        assertThat(letter.path("aggregateId").asString()).isEqualTo(deal);
        assertThat(letter.path("aggregateSequence").asLong()).isEqualTo(1);
        assertThat(letter.path("globalPosition").asLong()).isPositive();
        assertThat(letter.path("sizeBytes").asInt()).isGreaterThan(2048);
        assertThat(letter.has("event")).as("the body stays in the store").isFalse();
        assertThat(deadLetter.value().length()).isLessThan(1024);
        assertThat(header(deadLetter, Topics.REJECT_REASON_HEADER)).isEqualTo("too-large");
        assertThat(header(deadLetter, Topics.EXCEPTION_CLASS_HEADER)).isEqualTo(RecordTooLargeException.class.getName());
        assertThat(header(deadLetter, Topics.EVENT_ID_HEADER)).isEqualTo(letter.path("eventId").asString());
        assertThat(header(deadLetter, Topics.AGGREGATE_ID_HEADER)).isEqualTo(deal);
        assertThat(header(deadLetter, Topics.AGGREGATE_SEQUENCE_HEADER)).isEqualTo("1");
        assertThat(header(deadLetter, Topics.GLOBAL_POSITION_HEADER))
                .isEqualTo(String.valueOf(letter.path("globalPosition").asLong()));
    }

    private static List<ConsumerRecord<String, String>> recordsOf(String topic, String... keys) {
        reader.poll(Duration.ofMillis(200)).forEach(read::add);
        List<String> wanted = List.of(keys);
        return read.stream().filter(r -> topic.equals(r.topic()) && wanted.contains(r.key())).toList();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
