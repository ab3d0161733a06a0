package dev.salespipeline.command.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import dev.salespipeline.api.Topics;
import dev.salespipeline.api.activity.ActivityIds;
import dev.salespipeline.command.CommandServiceTestBase;
import dev.salespipeline.testsupport.Infrastructure;
import tools.jackson.databind.JsonNode;

/**
 * What an operator does when the ingest dead-letter topic fills: read the records with their reasons, fix the cause,
 * send them back to the ingest topic, and they are recorded.
 */
class DeadLetterRedriveIntegrationTest extends CommandServiceTestBase {

    private static final String DEAD_LETTERS = Topics.ACTIVITY_INGEST_DEAD_LETTERS;

    @Test
    void aReportRefusedForADealThatDidNotExistYetIsRecordedWhenSentBackAfterTheDealIsOpened() throws Exception {
        String dealId = "deal-" + UUID.randomUUID();
        String externalId = "call-" + UUID.randomUUID();
        Map<String, Object> report = ActivityIngestIntegrationTest.report(externalId, "CALL", "INBOUND");
        report.put("dealId", dealId);
        report.put("durationSeconds", 61);
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.ACTIVITY_INGEST, externalId,
                    ActivityIngestIntegrationTest.json(report))).get();
        }

        // The operator finds it, with why it was refused and where it came from.
        JsonNode letter = await().atMost(Duration.ofSeconds(30)).until(() -> find(externalId), node -> node != null);
        assertThat(letter.path("headers").path(Topics.REJECT_REASON_HEADER).asString()).isEqualTo("unknown-deal");
        assertThat(letter.path("originalTopic").asString()).isEqualTo(Topics.ACTIVITY_INGEST);
        assertThat(letter.path("originalOffset").isNumber()).isTrue();
        assertThat(storedEvents(ActivityIds.of("acme-phone", externalId))).isZero();

        // The cause is fixed: the deal the telephony system named now exists.
        assertThat(post("/deals", openDeal(dealId), bearer(ANNA)).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        long offset = letter.path("offset").asLong();
        ResponseEntity<JsonNode> redrive = client().post()
                .uri("/admin/dead-letters/" + DEAD_LETTERS + "/redrive?fromOffset=" + offset + "&toOffset=" + offset)
                .header("Authorization", "Bearer " + ADA).retrieve().toEntity(JsonNode.class);
        assertThat(redrive.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(redrive.getBody().path("sent").path(Topics.ACTIVITY_INGEST).asInt()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> storedEvents(ActivityIds.of("acme-phone", externalId)) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> storedEvents(dealId) == 2);
    }

    /** The dead letter whose key is the report's external id, read through the operators' endpoint. */
    private JsonNode find(String key) {
        ResponseEntity<JsonNode> page = client().get().uri("/admin/dead-letters/" + DEAD_LETTERS + "?limit=500")
                .header("Authorization", "Bearer " + ADA).retrieve().toEntity(JsonNode.class);
        JsonNode found = null;
        long next = 0;
        while (page.getStatusCode().is2xxSuccessful() && page.getBody() != null && !page.getBody().isEmpty()) {
            for (JsonNode letter : page.getBody()) {
                if (key.equals(letter.path("key").asString())) {
                    found = letter;
                }
                next = letter.path("offset").asLong() + 1;
            }
            long from = next;
            page = client().get().uri("/admin/dead-letters/" + DEAD_LETTERS + "?limit=500&fromOffset=" + from)
                    .header("Authorization", "Bearer " + ADA).retrieve().toEntity(JsonNode.class);
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
