package dev.salespipeline.query.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import dev.salespipeline.api.Topics;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.query.QueryServiceTestBase;
import dev.salespipeline.testsupport.Infrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records on the event topic that no reader can store go to query-service's dead-letter topic with the reason and
 * where they came from, and the events behind them on the same partition reach the read models.
 */
class PoisonRecordsIntegrationTest extends QueryServiceTestBase {

    private static final String DEAD_LETTERS = "pipeline.events.v1.query-service.dlt";
    private static final int PARTITIONS = 6;

    @Test
    void unstorableRecordsAreDeadLetteredWithTheReasonAndTheEventBehindThemReachesTheCard() throws Exception {
        String good = "deal-behind-poison-" + UUID.randomUUID();
        int partition = Utils.toPositive(Utils.murmur2(good.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;

        String hugeAmountDeal = "deal-huge-" + UUID.randomUUID();
        ObjectNode hugeAmount = (ObjectNode) JSON.readTree(asPublished(new DealOpened(hugeAmountDeal, "sales", "lead",
                "Huge", "anna", "north", Money.of("1.00", "EUR"), MONDAY_MORNING), 0, "anna"));
        ((ObjectNode) hugeAmount.path("payload").path("amount")).put("amount", "123456789012345678901234567890123456");

        String unknownDeal = "deal-unknown-" + UUID.randomUUID();
        ObjectNode unknownType = (ObjectNode) JSON.readTree(asPublished(new DealOpened(unknownDeal, "sales", "lead",
                "Unknown", "anna", "north", null, MONDAY_MORNING), 0, "anna"));
        unknownType.put("type", "DealTeleported");

        String incompleteDeal = "deal-incomplete-" + UUID.randomUUID();
        ObjectNode incomplete = (ObjectNode) JSON.readTree(asPublished(new DealOpened(incompleteDeal, "sales", "lead",
                "Incomplete", "anna", "north", null, MONDAY_MORNING), 0, "anna"));
        ((ObjectNode) incomplete.path("payload")).remove("pipelineId");

        String truncatedDeal = "deal-truncated-" + UUID.randomUUID();
        String whole = asPublished(new DealOpened(truncatedDeal, "sales", "lead", "Truncated", "anna", "north", null,
                MONDAY_MORNING), 0, "anna");
        String truncated = whole.substring(0, whole.length() / 2);

        Map<Long, String> poisonOffsets = new HashMap<>();
        try (KafkaProducer<String, String> producer = producer()) {
            poisonOffsets.put(send(producer, partition, hugeAmountDeal, JSON.writeValueAsString(hugeAmount)),
                    "at most 15 integer digits");
            poisonOffsets.put(send(producer, partition, unknownDeal, JSON.writeValueAsString(unknownType)),
                    "unknown event type DealTeleported");
            poisonOffsets.put(send(producer, partition, incompleteDeal, JSON.writeValueAsString(incomplete)), "pipelineId");
            poisonOffsets.put(send(producer, partition, truncatedDeal, truncated), "not an event envelope");
            send(producer, partition, good, asPublished(new DealOpened(good, "sales", "lead", "Behind the poison",
                    "anna", "north", Money.of("10.00", "EUR"), MONDAY_MORNING), 0, "anna"));
        }

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> get("/deals/" + good).getStatusCode().value() == 200);

        List<ConsumerRecord<String, String>> letters = deadLetters(poisonOffsets.size(), partition, poisonOffsets);
        assertThat(letters).hasSize(poisonOffsets.size());
        for (ConsumerRecord<String, String> letter : letters) {
            long offset = ByteBuffer.wrap(header(letter, "kafka_dlt-original-offset")).getLong();
            assertThat(new String(header(letter, "kafka_dlt-original-topic"), StandardCharsets.UTF_8))
                    .isEqualTo(Topics.PIPELINE_EVENTS);
            assertThat(ByteBuffer.wrap(header(letter, "kafka_dlt-original-partition")).getInt()).isEqualTo(partition);
            assertThat(new String(header(letter, "kafka_dlt-exception-fqcn"), StandardCharsets.UTF_8)).isNotBlank();
            assertThat(new String(header(letter, "kafka_dlt-exception-message"), StandardCharsets.UTF_8))
                    .contains(poisonOffsets.get(offset));
            assertThat(new String(header(letter, "x-dead-letter-consumer"), StandardCharsets.UTF_8))
                    .isEqualTo(CONSUMER_GROUP);
        }
        assertThat(get("/deals/" + unknownDeal).getStatusCode().value()).isEqualTo(404);
        assertThat(get("/deals/" + truncatedDeal).getStatusCode().value()).isEqualTo(404);

        // Operators see the same records, with where they came from, and only admins do.
        long first = poisonOffsets.keySet().stream().mapToLong(Long::longValue).min().orElseThrow();
        long firstLetter = letters.stream().mapToLong(ConsumerRecord::offset).min().orElseThrow();
        ResponseEntity<JsonNode> listed = get("/admin/dead-letters/" + DEAD_LETTERS + "?fromOffset=" + firstLetter
                + "&limit=500", ADA);
        assertThat(listed.getStatusCode().value()).isEqualTo(200);
        List<Long> originalOffsets = new ArrayList<>();
        listed.getBody().forEach(letter -> {
            if (letter.path("originalPartition").asInt() == partition) {
                originalOffsets.add(letter.path("originalOffset").asLong());
            }
        });
        assertThat(originalOffsets).contains(first);
        assertThat(get("/admin/dead-letters/" + DEAD_LETTERS, ANNA).getStatusCode().value()).isEqualTo(403);
        assertThat(get("/admin/dead-letters/" + Topics.PIPELINE_EVENTS, ADA).getStatusCode().value()).isEqualTo(404);

        // Event records are not sent back onto the event topic: its consumers re-read it instead.
        ResponseEntity<JsonNode> redrive = client().post()
                .uri("/admin/dead-letters/" + DEAD_LETTERS + "/redrive?fromOffset=" + firstLetter + "&toOffset="
                        + firstLetter)
                .headers(headers -> headers.setBearerAuth(ADA)).retrieve().toEntity(JsonNode.class);
        assertThat(redrive.getStatusCode().value()).isEqualTo(200);
        assertThat(redrive.getBody().path("notSent").get(0).asLong()).isEqualTo(firstLetter);

        String prometheus = client().get().uri("/actuator/prometheus").headers(h -> h.setBearerAuth(ADA))
                .retrieve().body(String.class);
        assertThat(prometheus).contains("pipeline_consumer_dead_letters_total{consumer=\"" + CONSUMER_GROUP + "\"")
                .contains("pipeline_consumer_lag{consumer=\"" + CONSUMER_GROUP + "\"");
    }

    private static long send(KafkaProducer<String, String> producer, int partition, String key, String value)
            throws Exception {
        return producer.send(new ProducerRecord<>(Topics.PIPELINE_EVENTS, partition, key, value)).get().offset();
    }

    private static byte[] header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return header.value();
    }

    /** The dead letters of the given original offsets on the partition, read from the start of the topic. */
    private static List<ConsumerRecord<String, String>> deadLetters(int expected, int partition,
                                                                    Map<Long, String> offsets) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(DEAD_LETTERS));
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (found.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    Header topic = record.headers().lastHeader("kafka_dlt-original-topic");
                    Header from = record.headers().lastHeader("kafka_dlt-original-partition");
                    Header offset = record.headers().lastHeader("kafka_dlt-original-offset");
                    if (topic != null && from != null && offset != null
                            && ByteBuffer.wrap(from.value()).getInt() == partition
                            && offsets.containsKey(ByteBuffer.wrap(offset.value()).getLong())) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    private static KafkaProducer<String, String> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }
}
