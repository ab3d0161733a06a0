package dev.salespipeline.query.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import dev.salespipeline.api.Topics;
import dev.salespipeline.api.alerts.AlertStatus;
import dev.salespipeline.api.alerts.StallReason;
import dev.salespipeline.api.alerts.StalledDealAlert;
import dev.salespipeline.query.QueryServiceTestBase;
import dev.salespipeline.query.live.SseClient;
import dev.salespipeline.testsupport.Infrastructure;
import tools.jackson.databind.JsonNode;

/**
 * Stalled-deal alerts from their topic into MongoDB and out over REST and Server-Sent Events: the latest
 * record of a deal is its alert, a cleared alert leaves the stalled list, each caller sees the alerts of the
 * deals they may see, and records that are not alerts are dead-lettered with the reason while the ones behind
 * them are kept.
 */
class StalledDealAlertsIntegrationTest extends QueryServiceTestBase {

    private static final Instant RAISED_AT = Instant.parse("2026-11-20T08:00:00Z");
    private static final Duration STAGE_LIMIT = Duration.ofDays(14);

    private static KafkaProducer<String, String> alerts;

    @BeforeAll
    static void connectAlerts() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        alerts = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void disconnectAlerts() {
        alerts.close();
    }

    private static void publishAlert(String key, String value) throws Exception {
        alerts.send(new ProducerRecord<>(Topics.ALERTS_STALLED_DEALS, key, value)).get();
    }

    private static StalledDealAlert raised(String dealId, String pipelineId, String ownerId, String teamId,
                                           Instant since) {
        return new StalledDealAlert(dealId, pipelineId, "qualified", ownerId, teamId, AlertStatus.RAISED,
                StallReason.STAGE_TIME_LIMIT, since, STAGE_LIMIT, RAISED_AT, null);
    }

    private ResponseEntity<JsonNode> stalled(String query, String token) {
        return get("/alerts/stalled-deals?" + query, token);
    }

    private JsonNode awaitStalled(String query, String token, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> stalled(query, token).getBody(),
                body -> body != null && body.isArray() && body.size() == count);
    }

    private static List<String> dealIds(JsonNode alerts) {
        List<String> ids = new ArrayList<>();
        alerts.forEach(alert -> ids.add(alert.get("dealId").asString()));
        return ids;
    }

    @Test
    void raisedAlertsAreListedLongestStalledFirstAndAClearedOneLeavesTheList() throws Exception {
        String pipelineId = "pipeline-" + UUID.randomUUID();
        String older = "deal-" + UUID.randomUUID();
        String newer = "deal-" + UUID.randomUUID();
        Instant since = Instant.parse("2026-11-18T10:00:00Z");
        publishAlert(newer, JSON.writeValueAsString(raised(newer, pipelineId, "anna", "north", since.plusSeconds(3600))));
        publishAlert(older, JSON.writeValueAsString(raised(older, pipelineId, "anna", "north", since)));

        JsonNode listed = awaitStalled("pipelineId=" + pipelineId, ADA, 2);
        assertThat(dealIds(listed)).containsExactly(older, newer);
        JsonNode first = listed.get(0);
        assertThat(first.get("stageId").asString()).isEqualTo("qualified");
        assertThat(first.get("status").asString()).isEqualTo("RAISED");
        assertThat(first.get("reason").asString()).isEqualTo("STAGE_TIME_LIMIT");
        assertThat(first.get("since").asString()).isEqualTo("2026-11-18T10:00:00Z");
        assertThat(first.get("limit").asString()).isEqualTo("PT336H");
        assertThat(first.get("clearedAt").isNull()).isTrue();

        // The deal moved: streams-analytics clears its alert.
        publishAlert(older, JSON.writeValueAsString(raised(older, pipelineId, "anna", "north", since)
                .cleared(RAISED_AT.plusSeconds(600))));

        assertThat(dealIds(awaitStalled("pipelineId=" + pipelineId, ADA, 1))).containsExactly(newer);
        JsonNode cleared = stalled("pipelineId=" + pipelineId + "&status=CLEARED", ADA).getBody();
        assertThat(dealIds(cleared)).containsExactly(older);
        assertThat(cleared.get(0).get("clearedAt").asString()).isEqualTo("2026-11-20T08:10:00Z");

        // A tombstone forgets the deal's alert altogether.
        publishAlert(newer, null);
        awaitStalled("pipelineId=" + pipelineId, ADA, 0);
    }

    @Test
    void eachCallerSeesTheAlertsOfTheDealsTheyMaySee() throws Exception {
        String pipelineId = "pipeline-" + UUID.randomUUID();
        String annas = "deal-" + UUID.randomUUID();
        String sams = "deal-" + UUID.randomUUID();
        Instant since = Instant.parse("2026-11-18T10:00:00Z");
        publishAlert(annas, JSON.writeValueAsString(raised(annas, pipelineId, "anna", "north", since)));
        publishAlert(sams, JSON.writeValueAsString(raised(sams, pipelineId, "sam", "south", since)));
        awaitStalled("pipelineId=" + pipelineId, ADA, 2);

        String query = "pipelineId=" + pipelineId;
        assertThat(dealIds(stalled(query, ANNA).getBody())).containsExactly(annas);
        assertThat(dealIds(stalled(query, BEN).getBody())).isEmpty();
        assertThat(dealIds(stalled(query, MAX).getBody())).containsExactly(annas);
        assertThat(dealIds(stalled(query, NINA).getBody())).containsExactly(sams);
        assertThat(dealIds(stalled(query, VERA).getBody())).containsExactlyInAnyOrder(annas, sams);
        assertThat(dealIds(stalled(query + "&ownerId=sam", ADA).getBody())).containsExactly(sams);
        assertThat(dealIds(stalled(query + "&reason=IDLE_LIMIT", ADA).getBody())).isEmpty();
        assertThat(stalled(query, TELEPHONY).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(stalled(query, null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aLiveStreamGetsEachAlertOfTheDealsTheCallerMaySeeAndResumesAfterTheLastOne() throws Exception {
        String pipelineId = "pipeline-" + UUID.randomUUID();
        String annas = "deal-" + UUID.randomUUID();
        String sams = "deal-" + UUID.randomUUID();
        String elsewhere = "deal-" + UUID.randomUUID();
        Instant since = Instant.parse("2026-11-18T10:00:00Z");
        String url = "http://localhost:" + port + "/live/alerts/stalled-deals?pipelineId=" + pipelineId;
        SseClient.Event raised;
        try (SseClient stream = SseClient.connect(url, ANNA, null)) {
            assertThat(stream.status()).isEqualTo(200);
            publishAlert(sams, JSON.writeValueAsString(raised(sams, pipelineId, "sam", "south", since)));
            publishAlert(elsewhere, JSON.writeValueAsString(raised(elsewhere, "other-" + pipelineId, "anna", "north",
                    since)));
            publishAlert(annas, JSON.writeValueAsString(raised(annas, pipelineId, "anna", "north", since)));

            raised = stream.next(Duration.ofSeconds(10));
            assertThat(raised).as("anna's alert, not sam's nor another pipeline's").isNotNull();
            assertThat(raised.name()).isEqualTo("stalled-deal");
            JsonNode alert = JSON.readTree(raised.data());
            assertThat(alert.get("dealId").asString()).isEqualTo(annas);
            assertThat(alert.get("status").asString()).isEqualTo("RAISED");
            assertThat(alert.get("limit").asString()).isEqualTo("PT336H");
            assertThat(raised.id()).startsWith(Topics.ALERTS_STALLED_DEALS + ":");
        }

        // Cleared while nobody listened: a stream resumed from the raised alert gets the clearance.
        publishAlert(annas, JSON.writeValueAsString(raised(annas, pipelineId, "anna", "north", since)
                .cleared(RAISED_AT.plusSeconds(60))));
        try (SseClient resumed = SseClient.connect(url, MAX, raised.id())) {
            SseClient.Event cleared = resumed.next(Duration.ofSeconds(10));
            assertThat(cleared).isNotNull();
            JsonNode alert = JSON.readTree(cleared.data());
            assertThat(alert.get("dealId").asString()).isEqualTo(annas);
            assertThat(alert.get("status").asString()).isEqualTo("CLEARED");
            assertThat(resumed.next(Duration.ofSeconds(1))).as("nothing else of the pipeline was missed").isNull();
        }
    }

    @Test
    void recordsThatAreNotAlertsAreDeadLetteredWithTheReasonAndTheNextAlertIsKept() throws Exception {
        String pipelineId = "pipeline-" + UUID.randomUUID();
        String notJson = "deal-" + UUID.randomUUID();
        String missingField = "deal-" + UUID.randomUUID();
        String wrongKey = "deal-" + UUID.randomUUID();
        String fine = "deal-" + UUID.randomUUID();
        Instant since = Instant.parse("2026-11-18T10:00:00Z");
        publishAlert(notJson, "{not json");
        publishAlert(missingField, "{\"dealId\":\"" + missingField + "\",\"pipelineId\":\"" + pipelineId + "\"}");
        publishAlert(wrongKey, JSON.writeValueAsString(raised(fine, pipelineId, "anna", "north", since)));
        publishAlert(fine, JSON.writeValueAsString(raised(fine, pipelineId, "anna", "north", since)));

        assertThat(dealIds(awaitStalled("pipelineId=" + pipelineId, ADA, 1))).containsExactly(fine);

        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        List<String> expected = List.of(notJson, missingField, wrongKey);
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("pipeline.alerts.query-service.dlt"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (expected.contains(record.key())) {
                        found.add(record);
                    }
                });
                return found.size() >= expected.size();
            });
        }
        assertThat(found).extracting(ConsumerRecord::key).containsExactlyElementsOf(expected);
        for (ConsumerRecord<String, String> deadLetter : found) {
            Header reason = deadLetter.headers().lastHeader("kafka_dlt-exception-message");
            assertThat(new String(reason.value(), StandardCharsets.UTF_8)).as(deadLetter.key())
                    .contains(deadLetter.key().equals(wrongKey) ? "is not the alert's deal" : "not a stalled-deal alert");
        }
    }

    @Test
    void badParametersAreBadRequestProblems() {
        for (String query : List.of("status=OPEN", "reason=SLOW", "size=0", "size=501", "page=-1")) {
            ResponseEntity<JsonNode> response = stalled(query, ADA);
            assertThat(response.getStatusCode()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getHeaders().getContentType()).as(query).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }
}
