package dev.salespipeline.analytics;

import static dev.salespipeline.analytics.EventMother.dealOpened;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import dev.salespipeline.analytics.app.AnalyticsStreams;
import dev.salespipeline.analytics.serde.AmountOutOfRangeException;
import dev.salespipeline.analytics.serde.UnknownEventTypeException;
import dev.salespipeline.analytics.serde.UnreadableEventException;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.deal.CallLogged;
import dev.salespipeline.api.deal.DealDetails;
import dev.salespipeline.api.deal.DealDetailsEdited;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.metrics.AcquisitionCost;
import dev.salespipeline.api.metrics.ManagerActivity;
import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.PipelineTemplates;
import dev.salespipeline.api.spend.MarketingSpendIds;
import dev.salespipeline.api.spend.MarketingSpendSet;
import dev.salespipeline.api.target.TargetPeriod;
import tools.jackson.databind.JsonNode;

/**
 * The analytics application on a real broker, with exactly-once processing: events in, metrics and alerts
 * out, state queryable over HTTP.
 */
class StreamsAnalyticsIntegrationTest extends StreamsAnalyticsTestBase {

    @Test
    void countsOpenedDealsPerPipelineAndServesTheState() throws Exception {
        String pipelineId = "pipeline-" + UUID.randomUUID();
        Instant at = Instant.parse("2026-11-16T09:00:00Z");
        try (KafkaProducer<String, String> producer = producer()) {
            for (String dealId : List.of("a-" + pipelineId, "b-" + pipelineId, "a-" + pipelineId)) {
                producer.send(new ProducerRecord<>(Topics.PIPELINE_EVENTS, dealId,
                        JSON.writeValueAsString(dealOpened(dealId, pipelineId, at)))).get();
            }
        }

        Map<String, Long> latest = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.METRICS_OPENED_DEALS));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> latest.put(record.key(),
                        JSON.readTree(record.value()).get("dealsOpened").asLong()));
                return Long.valueOf(2).equals(latest.get(pipelineId));
            });
        }

        JsonNode state = http(VERA).get().uri("/state/opened-deals/{id}", pipelineId).retrieve().body(JsonNode.class);
        assertThat(state.get("dealsOpened").asLong()).isEqualTo(2);
        JsonNode health = http(ADA).get().uri("/actuator/health").retrieve().body(JsonNode.class);
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("kafkaStreams").get("details").get("state").asString())
                .isEqualTo("RUNNING");
        // Without a token: the status alone, for orchestrators
        JsonNode anonymousHealth = http(null).get().uri("/actuator/health").retrieve().body(JsonNode.class);
        assertThat(anonymousHealth.get("status").asString()).isEqualTo("UP");
        assertThat(anonymousHealth.has("components")).isFalse();
        JsonNode api = http(null).get().uri("/v3/api-docs").retrieve().body(JsonNode.class);
        assertThat(api.get("paths").has("/state/opened-deals/{pipelineId}")).isTrue();
    }

    @Test
    void computesStageConversionThroughTheJoinWithThePipelineDefinition() throws Exception {
        String pipelineId = "pipeline-" + UUID.randomUUID();
        Instant at = Instant.parse("2026-11-16T09:00:00Z");
        PipelineDefined defined = new PipelineDefined(pipelineId, "Sales", PipelineTemplates.DEFAULT_STAGES,
                PipelineTemplates.DEFAULT_IDLE_LIMIT, PipelineTemplates.DEFAULT_LOST_REASONS, at.minusSeconds(3600));
        try (KafkaProducer<String, String> producer = producer()) {
            for (String dealId : List.of("a-" + pipelineId, "b-" + pipelineId)) {
                producer.send(new ProducerRecord<>(Topics.PIPELINE_EVENTS, dealId,
                        JSON.writeValueAsString(dealOpened(dealId, pipelineId, at)))).get();
            }
            producer.send(new ProducerRecord<>(Topics.PIPELINE_EVENTS, pipelineId,
                    JSON.writeValueAsString(EventMother.envelope(0, defined)))).get();
        }

        String key = new MetricKey(pipelineId, null, null, PeriodType.MONTH, "2026-11").asString();
        Map<String, JsonNode> latest = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.METRICS_CONVERSION));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.value() != null) {
                        latest.put(record.key(), JSON.readTree(record.value()));
                    }
                });
                return latest.containsKey(key) && latest.get(key).get("opened").asLong() == 2;
            });
        }

        JsonNode stages = latest.get(key).get("stages");
        assertThat(stages.get(0).get("stageId").asString()).isEqualTo("lead");
        assertThat(stages.get(0).get("reached").asLong()).isEqualTo(2);
        JsonNode state = http(ADA).get()
                .uri("/state/conversion/{id}?periodType=MONTH&period=2026-11", pipelineId)
                .retrieve().body(JsonNode.class);
        assertThat(state.get("opened").asLong()).isEqualTo(2);
    }

    @Test
    void setsSpendAgainstTheDealsOpenedOnTheRealBroker() throws Exception {
        String pipelineId = "pipeline-" + UUID.randomUUID();
        Instant at = Instant.parse("2026-11-16T09:00:00Z");
        TargetPeriod november = TargetPeriod.month(2026, 11);
        String spendId = MarketingSpendIds.of(pipelineId, "referral", november);
        try (KafkaProducer<String, String> producer = producer()) {
            for (String dealId : List.of("a-" + pipelineId, "b-" + pipelineId)) {
                producer.send(new ProducerRecord<>(Topics.PIPELINE_EVENTS, dealId,
                        JSON.writeValueAsString(dealOpened(dealId, pipelineId, at)))).get();
            }
            producer.send(new ProducerRecord<>(Topics.PIPELINE_EVENTS, "a-" + pipelineId,
                    JSON.writeValueAsString(EventMother.envelope(1, new DealDetailsEdited("a-" + pipelineId,
                            new DealDetails("Deal a", null, null, null),
                            new DealDetails("Deal a", null, "referral", null), at.plusSeconds(60)))))).get();
            producer.send(new ProducerRecord<>(Topics.PIPELINE_EVENTS, spendId,
                    JSON.writeValueAsString(EventMother.envelope(0, new MarketingSpendSet(spendId, pipelineId,
                            "referral", november, Money.of("900.00", "EUR"), at))))).get();
        }

        String referral = AcquisitionCost.key(pipelineId, "referral", PeriodType.MONTH, "2026-11", "EUR");
        String all = AcquisitionCost.key(pipelineId, null, PeriodType.QUARTER, "2026-Q4", "EUR");
        Map<String, JsonNode> latest = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.METRICS_ACQUISITION_COST));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.value() != null) {
                        latest.put(record.key(), JSON.readTree(record.value()));
                    }
                });
                return latest.containsKey(referral) && latest.get(referral).get("dealsOpened").asLong() == 1
                        && latest.containsKey(all) && latest.get(all).get("dealsOpened").asLong() == 2;
            });
        }

        // 900 / 1 deal opened through referrals; 900 / 2 deals of the pipeline in the quarter; nothing won
        assertThat(latest.get(referral).get("costPerLead").asString()).isEqualTo("900.00");
        assertThat(latest.get(all).get("costPerLead").asString()).isEqualTo("450.00");
        assertThat(latest.get(all).get("costPerWonDeal").isNull()).isTrue();
    }

    @Test
    void countsACallForWhoMadeItAndWeighsTheOpenDealOnTheRealBroker() throws Exception {
        String pipelineId = "pipeline-" + UUID.randomUUID();
        String dealId = "call-" + pipelineId;
        Instant at = Instant.parse("2026-11-16T09:00:00Z");
        PipelineDefined defined = new PipelineDefined(pipelineId, "Sales", PipelineTemplates.DEFAULT_STAGES,
                PipelineTemplates.DEFAULT_IDLE_LIMIT, PipelineTemplates.DEFAULT_LOST_REASONS, at.minusSeconds(3600));
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.PIPELINE_EVENTS, pipelineId,
                    JSON.writeValueAsString(EventMother.envelope(0, defined)))).get();
            producer.send(new ProducerRecord<>(Topics.PIPELINE_EVENTS, dealId,
                    JSON.writeValueAsString(dealOpened(dealId, pipelineId, at)))).get();
            producer.send(new ProducerRecord<>(Topics.PIPELINE_EVENTS, dealId, JSON.writeValueAsString(
                    EventMother.envelope(1, new CallLogged(dealId, "call-1", Direction.OUTBOUND, at.plusSeconds(600),
                            45, true, "+49301234567", null, null, null))))).get();
        }

        String key = ManagerActivity.key(pipelineId, "rep-anna", PeriodType.DAY, "2026-11-16");
        Map<String, JsonNode> latest = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.METRICS_MANAGER_ACTIVITY));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.value() != null) {
                        latest.put(record.key(), JSON.readTree(record.value()));
                    }
                });
                return latest.containsKey(key) && latest.get(key).get("callsMade").asLong() == 1;
            });
        }
        assertThat(latest.get(key).get("successfulContacts").asLong()).as("45 s is past the 40 s threshold")
                .isEqualTo(1);
        assertThat(latest.get(key).get("talkSeconds").asLong()).isEqualTo(45);

        RestClient http = http(ADA);
        JsonNode state = http.get().uri("/state/manager-activity/{id}?personId=rep-anna&periodType=DAY&period=2026-11-16",
                pipelineId).retrieve().body(JsonNode.class);
        assertThat(state.get("callsMade").asLong()).isEqualTo(1);
        // 1000.00 EUR in Lead, whose probability is 10 %, and no expected close date
        JsonNode weighted = await().atMost(Duration.ofSeconds(30)).until(() -> http.get()
                .uri("/state/weighted-pipeline/{id}?periodType=MONTH&period=none&currency=EUR", pipelineId)
                .exchange((request, response) -> response.getStatusCode().is2xxSuccessful()
                        ? response.bodyTo(JsonNode.class) : null), body -> body != null);
        assertThat(weighted.get("openDeals").asLong()).isEqualTo(1);
        assertThat(new java.math.BigDecimal(weighted.get("weightedAmount").asString())).isEqualByComparingTo("100");
    }

    @Test
    void raisesAStalledDealAlertOnTheWallClockAndClearsItWhenTheDealMoves() throws Exception {
        String pipelineId = "pipeline-" + UUID.randomUUID();
        String dealId = "stalled-" + pipelineId;
        Instant opened = Instant.now().minus(Duration.ofDays(30));
        PipelineDefined defined = new PipelineDefined(pipelineId, "Sales", PipelineTemplates.DEFAULT_STAGES,
                PipelineTemplates.DEFAULT_IDLE_LIMIT, PipelineTemplates.DEFAULT_LOST_REASONS, opened.minusSeconds(3600));
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.PIPELINE_EVENTS, pipelineId,
                    JSON.writeValueAsString(EventMother.envelope(0, defined)))).get();
            producer.send(new ProducerRecord<>(Topics.PIPELINE_EVENTS, dealId,
                    JSON.writeValueAsString(dealOpened(dealId, pipelineId, opened)))).get();
        }

        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.ALERTS_STALLED_DEALS));
            JsonNode raised = awaitAlert(consumer, dealId, "RAISED");
            // Lead's 14 days and the idle 14 days were both passed at the same instant: the stage's limit wins
            assertThat(raised.get("reason").asString()).isEqualTo("STAGE_TIME_LIMIT");
            assertThat(Instant.parse(raised.get("since").asString())).isEqualTo(opened.plus(Duration.ofDays(14)));
            JsonNode watched = http(ADA).get()
                    .uri("/state/stalled-deals/{id}", dealId).retrieve().body(JsonNode.class);
            assertThat(watched.get("alert").get("status").asString()).isEqualTo("RAISED");

            try (KafkaProducer<String, String> producer = producer()) {
                producer.send(new ProducerRecord<>(Topics.PIPELINE_EVENTS, dealId, JSON.writeValueAsString(
                        EventMother.envelope(1, new DealMovedToStage(dealId, pipelineId, "lead", "qualified",
                                Instant.now()))))).get();
            }
            JsonNode cleared = awaitAlert(consumer, dealId, "CLEARED");
            assertThat(cleared.get("raisedAt")).isEqualTo(raised.get("raisedAt"));
        }
    }

    @Test
    void deadLettersWhatItCannotUseWithTheReasonCountsItAndGoesOnWithTheEventsBehind() throws Exception {
        String pipelineId = "pipeline-" + UUID.randomUUID();
        String dealId = "poisoned-" + pipelineId;
        String good = JSON.writeValueAsString(dealOpened(dealId, pipelineId, Instant.parse("2026-11-16T09:00:00Z")));
        List<String> poison = List.of(
                good.replace("\"1000.00\"", "\"123456789012345678901234567890123456\""),
                good.replace("\"type\":\"DealOpened\"", "\"type\":\"DealTeleported\""),
                good.replace("\"pipelineId\":\"" + pipelineId + "\",", ""),
                good.substring(0, good.length() / 2));
        List<Long> offsets = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            for (String value : poison) {
                offsets.add(producer.send(new ProducerRecord<>(Topics.PIPELINE_EVENTS, dealId, value)).get().offset());
            }
            producer.send(new ProducerRecord<>(Topics.PIPELINE_EVENTS, dealId, good)).get();
        }

        Map<String, Long> opened = new HashMap<>();
        List<ConsumerRecord<String, String>> dead = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.METRICS_OPENED_DEALS, AnalyticsStreams.DEAD_LETTER_TOPIC));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.topic().equals(Topics.METRICS_OPENED_DEALS)) {
                        opened.put(record.key(), JSON.readTree(record.value()).get("dealsOpened").asLong());
                    } else if (dealId.equals(record.key())) {
                        dead.add(record);
                    }
                });
                return dead.size() == poison.size() && Long.valueOf(1).equals(opened.get(pipelineId));
            });
        }

        assertThat(dead).extracting(ConsumerRecord::value).containsExactlyElementsOf(poison);
        // Where Money refuses such an amount itself, the payload is unreadable rather than out of range
        assertThat(dead).extracting(record -> header(record, "__streams.errors.exception")).satisfiesExactly(
                exception -> assertThat(exception).isIn(AmountOutOfRangeException.class.getName(),
                        UnreadableEventException.class.getName()),
                exception -> assertThat(exception).isEqualTo(UnknownEventTypeException.class.getName()),
                exception -> assertThat(exception).isEqualTo(UnreadableEventException.class.getName()),
                exception -> assertThat(exception).isEqualTo(UnreadableEventException.class.getName()));
        assertThat(dead).extracting(record -> header(record, "__streams.errors.message")).allSatisfy(
                reason -> assertThat(reason).isNotBlank());
        assertThat(dead).extracting(record -> header(record, "__streams.errors.topic"))
                .containsOnly(Topics.PIPELINE_EVENTS);
        assertThat(dead).extracting(record -> header(record, "__streams.errors.partition")).hasSize(4)
                .containsOnly(header(dead.get(0), "__streams.errors.partition"));
        assertThat(dead).extracting(record -> Long.valueOf(header(record, "__streams.errors.offset")))
                .containsExactlyElementsOf(offsets);

        String prometheus = http(ADA).get().uri("/actuator/prometheus")
                .retrieve().body(String.class);
        assertThat(prometheus).containsPattern("pipeline_consumer_dead_letters_total\\{consumer=\"streams-analytics\","
                + "reason=\"UnknownEventTypeException\",topic=\"pipeline.events.v1.streams-analytics.dlt\"} [1-9]");
        assertThat(prometheus).contains("kafka_stream_");
        // The application is watched as a consumer: the lag of its input partitions, and health that would say when
        // one stops advancing.
        await().atMost(Duration.ofSeconds(30)).until(() -> http(ADA).get()
                .uri("/actuator/prometheus").retrieve().body(String.class)
                .contains("pipeline_consumer_lag{consumer=\"streams-analytics-it-"));
        String health = http(ADA).get().uri("/actuator/health")
                .retrieve().onStatus(status -> true, (request, response) -> { }).body(String.class);
        assertThat(health).contains("\"consumers\"");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static JsonNode awaitAlert(KafkaConsumer<String, String> consumer, String dealId, String status) {
        Map<String, JsonNode> latest = new HashMap<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                if (record.key().equals(dealId) && record.value() != null) {
                    latest.put(dealId, JSON.readTree(record.value()));
                }
            });
            return latest.containsKey(dealId) && latest.get(dealId).get("status").asString().equals(status);
        });
        return latest.get(dealId);
    }
}
