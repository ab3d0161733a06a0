package dev.salespipeline.query.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import dev.salespipeline.api.Topics;
import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.OpenedDeals;
import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.metrics.WeightedPipeline;
import dev.salespipeline.query.QueryServiceTestBase;
import dev.salespipeline.query.live.SseClient;
import dev.salespipeline.query.metrics.projection.MetricDocuments;
import dev.salespipeline.testsupport.Infrastructure;
import tools.jackson.databind.JsonNode;

/**
 * Metric values from the metric topics into MongoDB and out over REST and Server-Sent Events: the
 * newest record of a key wins, a tombstone deletes, unreadable records are dead-lettered.
 */
class MetricsIntegrationTest extends QueryServiceTestBase {

    private static final String TOPIC = Topics.METRICS_OPENED_DEALS;
    private static final Instant COMPUTED_AT = Instant.parse("2026-11-16T09:30:00Z");

    private static KafkaProducer<String, String> metrics;

    @Autowired
    MongoTemplate mongo;

    @BeforeAll
    static void connectMetrics() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        metrics = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void disconnectMetrics() {
        metrics.close();
    }

    /** Publishes a metric record as streams-analytics does, with the given timestamp; null value for a tombstone. */
    private static RecordMetadata publishMetric(String key, String value, Instant timestamp) throws Exception {
        return metrics.send(new ProducerRecord<>(TOPIC, null, timestamp.toEpochMilli(), key, value)).get();
    }

    private static String openedDeals(String pipelineId, long count) {
        return JSON.writeValueAsString(new OpenedDeals(pipelineId, count));
    }

    private ResponseEntity<JsonNode> values(String query) {
        return get("/metrics/opened-deals?" + query);
    }

    private JsonNode awaitValues(String query, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> values(query).getBody(),
                body -> body != null && body.isArray() && body.size() == count);
    }

    /** Waits until the metrics consumer has committed the end of every metric topic partition. */
    private static void awaitMetricsConsumed() throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions()
                    .forEach(p -> latest.put(new TopicPartition(TOPIC, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                        CONSUMER_GROUP + "-metrics").partitionsToOffsetAndMetadata().get();
                return ends.entrySet().stream().allMatch(end -> {
                    OffsetAndMetadata offset = committed.get(end.getKey());
                    return (offset == null ? 0 : offset.offset()) >= end.getValue();
                });
            });
        }
    }

    @Test
    void anOpenedDealsValueIsStoredAndReadByPipeline() throws Exception {
        String pipelineId = "pipeline-" + UUID.randomUUID();
        publishMetric(pipelineId, openedDeals(pipelineId, 3), COMPUTED_AT);

        JsonNode found = awaitValues("pipelineId=" + pipelineId, 1);

        JsonNode value = found.get(0);
        assertThat(value.get("metric").asString()).isEqualTo("opened-deals");
        assertThat(value.get("key").asString()).isEqualTo(pipelineId);
        assertThat(value.get("updatedAt").asString()).as("the record's time").isEqualTo("2026-11-16T09:30:00Z");
        assertThat(value.get("value").get("pipelineId").asString()).isEqualTo(pipelineId);
        assertThat(value.get("value").get("dealsOpened").asLong()).isEqualTo(3);
    }

    @Test
    void aNewerRecordReplacesTheValueAndAnOlderOneDoesNot() throws Exception {
        String pipelineId = "pipeline-" + UUID.randomUUID();
        publishMetric(pipelineId, openedDeals(pipelineId, 1), COMPUTED_AT);
        publishMetric(pipelineId, openedDeals(pipelineId, 2), COMPUTED_AT.plusSeconds(60));
        await().atMost(Duration.ofSeconds(30)).until(() -> values("pipelineId=" + pipelineId).getBody(),
                body -> body.size() == 1 && body.get(0).get("value").get("dealsOpened").asLong() == 2);

        // As if a newer record had been applied and this one were replayed after it: the document, written
        // from a later offset, keeps its value.
        String id = MetricDocuments.id(TOPIC, pipelineId);
        mongo.updateFirst(Query.query(where("_id").is(id)), new Update().set(MetricDocuments.OFFSET, Long.MAX_VALUE / 2),
                MetricDocuments.COLLECTION);
        publishMetric(pipelineId, openedDeals(pipelineId, 7), COMPUTED_AT.plusSeconds(120));
        awaitMetricsConsumed();

        JsonNode kept = values("pipelineId=" + pipelineId).getBody().get(0);
        assertThat(kept.get("value").get("dealsOpened").asLong()).isEqualTo(2);
        assertThat(kept.get("updatedAt").asString()).isEqualTo("2026-11-16T09:31:00Z");
    }

    @Test
    void aTombstoneDeletesTheValue() throws Exception {
        String pipelineId = "pipeline-" + UUID.randomUUID();
        publishMetric(pipelineId, openedDeals(pipelineId, 4), COMPUTED_AT);
        awaitValues("pipelineId=" + pipelineId, 1);

        publishMetric(pipelineId, null, COMPUTED_AT.plusSeconds(60));

        awaitValues("pipelineId=" + pipelineId, 0);
        assertThat(mongo.findById(MetricDocuments.id(TOPIC, pipelineId), org.bson.Document.class,
                MetricDocuments.COLLECTION)).isNull();
    }

    @Test
    void valuesAreFilteredByTheirDimensionsAndKeepExactDecimals() throws Exception {
        String pipelineId = "pipeline-" + UUID.randomUUID();
        String week = "{\"pipelineId\":\"" + pipelineId + "\",\"ownerId\":\"anna\",\"sourceChannel\":\"referral\","
                + "\"periodType\":\"WEEK\",\"period\":\"2026-W47\",\"dealsOpened\":2,\"amount\":1500.00}";
        String month = "{\"pipelineId\":\"" + pipelineId + "\",\"ownerId\":\"ben\",\"periodType\":\"MONTH\","
                + "\"period\":\"2026-11\",\"dealsOpened\":5,\"amount\":0.10}";
        publishMetric(pipelineId + "|anna|WEEK|2026-W47", week, COMPUTED_AT);
        publishMetric(pipelineId + "|ben|MONTH|2026-11", month, COMPUTED_AT);
        awaitValues("pipelineId=" + pipelineId, 2);

        JsonNode annas = values("pipelineId=" + pipelineId + "&ownerId=anna").getBody();
        assertThat(annas).hasSize(1);
        assertThat(annas.get(0).get("key").asString()).isEqualTo(pipelineId + "|anna|WEEK|2026-W47");
        assertThat(annas.get(0).get("value").get("amount").decimalValue()).isEqualByComparingTo("1500.00");
        String raw = client().get().uri("/metrics/opened-deals?ownerId=anna&pipelineId=" + pipelineId)
                .headers(headers -> headers.setBearerAuth(ADA)).retrieve().body(String.class);
        assertThat(raw).as("decimals keep their digits").contains("\"amount\":1500.00");
        assertThat(values("pipelineId=" + pipelineId + "&periodType=WEEK&period=2026-W47").getBody()).hasSize(1);
        assertThat(values("pipelineId=" + pipelineId + "&periodType=MONTH").getBody().get(0).get("key").asString())
                .isEqualTo(pipelineId + "|ben|MONTH|2026-11");
        assertThat(values("pipelineId=" + pipelineId + "&period=2026-11").getBody()).hasSize(1);
        assertThat(values("pipelineId=" + pipelineId + "&sourceChannel=referral").getBody()).hasSize(1);
        assertThat(values("pipelineId=" + pipelineId + "&periodType=DAY").getBody()).isEmpty();
        assertThat(values("pipelineId=" + pipelineId + "&size=1&page=1").getBody()).hasSize(1);
    }

    @Test
    void aMetricsStreamGetsEachNewValueOfItsPipeline() throws Exception {
        String pipelineId = "pipeline-" + UUID.randomUUID();
        String other = "pipeline-" + UUID.randomUUID();
        try (SseClient stream = SseClient.connect("http://localhost:" + port
                + "/live/metrics?metric=opened-deals&pipelineId=" + pipelineId, VERA, null)) {
            assertThat(stream.status()).isEqualTo(200);
            publishMetric(other, openedDeals(other, 9), COMPUTED_AT);
            publishMetric(pipelineId, openedDeals(pipelineId, 6), COMPUTED_AT);

            SseClient.Event event = stream.next(Duration.ofSeconds(5));
            assertThat(event).isNotNull();
            assertThat(event.name()).isEqualTo("metric");
            // One section per metric topic, each with the position of every partition.
            String positions = "0=-?\\d+,1=-?\\d+,2=-?\\d+,3=-?\\d+,4=-?\\d+,5=-?\\d+";
            String sections = Topics.METRICS_TOPICS.stream()
                    .map(topic -> Pattern.quote(topic.substring("pipeline.metrics.".length())) + ":" + positions)
                    .sorted().collect(Collectors.joining(";"));
            assertThat(event.id()).matches(sections);
            JsonNode data = JSON.readTree(event.data());
            assertThat(data.get("metric").asString()).isEqualTo("opened-deals");
            assertThat(data.get("key").asString()).isEqualTo(pipelineId);
            assertThat(data.get("value").get("dealsOpened").asLong()).isEqualTo(6);
            assertThat(data.get("updatedAt").asString()).isEqualTo("2026-11-16T09:30:00Z");
            assertThat(stream.next(Duration.ofSeconds(2))).as("not another pipeline's").isNull();

            // A stream of every value resumes from that one's id and gets the later ones.
            publishMetric(pipelineId, openedDeals(pipelineId, 7), COMPUTED_AT.plusSeconds(60));
            try (SseClient all = SseClient.connect("http://localhost:" + port + "/live/metrics", ADA, event.id())) {
                SseClient.Event resumed = all.next(Duration.ofSeconds(5));
                assertThat(resumed).isNotNull();
                assertThat(JSON.readTree(resumed.data()).get("value").get("dealsOpened").asLong()).isEqualTo(7);
            }
        }
    }

    @Test
    void unreadableMetricRecordsGoToTheDeadLetterTopicWithTheReason() throws Exception {
        String broken = "pipeline-" + UUID.randomUUID();
        String notAnObject = "pipeline-" + UUID.randomUUID();
        String fine = "pipeline-" + UUID.randomUUID();
        publishMetric(broken, "{not json", COMPUTED_AT);
        publishMetric(notAnObject, "[1,2]", COMPUTED_AT);
        publishMetric(fine, openedDeals(fine, 1), COMPUTED_AT);
        awaitValues("pipelineId=" + fine, 1);

        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("pipeline.metrics.query-service.dlt"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.key().equals(broken) || record.key().equals(notAnObject)) {
                        found.add(record);
                    }
                });
                return found.size() >= 2;
            });
        }
        for (ConsumerRecord<String, String> deadLetter : found) {
            Header reason = deadLetter.headers().lastHeader("kafka_dlt-exception-message");
            assertThat(new String(reason.value(), StandardCharsets.UTF_8)).isNotBlank();
        }
    }

    @Test
    void theWeightedPipelineOfDealsWithoutACloseDateIsReadAsPeriodNone() throws Exception {
        String pipelineId = "pipeline-" + UUID.randomUUID();
        MetricKey undated = new MetricKey(pipelineId, null, null, PeriodType.MONTH, WeightedPipeline.NO_DATE);
        MetricKey november = new MetricKey(pipelineId, null, null, PeriodType.MONTH, "2026-11");
        metrics.send(new ProducerRecord<>(Topics.METRICS_WEIGHTED_PIPELINE, WeightedPipeline.key(undated, "EUR"),
                JSON.writeValueAsString(new WeightedPipeline(pipelineId, null, null, PeriodType.MONTH,
                        WeightedPipeline.NO_DATE, "EUR", 2, new BigDecimal("3000.00"), new BigDecimal("750.00"))))).get();
        metrics.send(new ProducerRecord<>(Topics.METRICS_WEIGHTED_PIPELINE, WeightedPipeline.key(november, "EUR"),
                JSON.writeValueAsString(new WeightedPipeline(pipelineId, null, null, PeriodType.MONTH, "2026-11",
                        "EUR", 1, new BigDecimal("1000.00"), new BigDecimal("500.00"))))).get();
        await().atMost(Duration.ofSeconds(30)).until(
                () -> get("/metrics/weighted-pipeline?pipelineId=" + pipelineId).getBody(), body -> body.size() == 2);

        JsonNode none = get("/metrics/weighted-pipeline?pipelineId=" + pipelineId + "&period=none").getBody();
        assertThat(none).hasSize(1);
        assertThat(none.get(0).get("key").asString()).isEqualTo(pipelineId + "|*|*|MONTH|none|EUR");
        assertThat(none.get(0).get("value").get("openDeals").asLong()).isEqualTo(2);
        assertThat(none.get(0).get("value").get("weightedAmount").asString()).isEqualTo("750.00");
    }

    @Test
    void badParametersAreBadRequestProblemsAndAnUnknownMetricIsNotFound() {
        for (String query : List.of("periodType=YEAR", "period=last-week", "periodType=DAY&period=2026-W47",
                "periodType=QUARTER&period=2026-Q5", "size=0", "size=1001", "page=-1")) {
            ResponseEntity<JsonNode> response = values(query);
            assertThat(response.getStatusCode()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getHeaders().getContentType()).as(query).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        ResponseEntity<JsonNode> unknown = get("/metrics/no-such-metric");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(get("/metrics/opened-deals", TELEPHONY).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("/metrics/opened-deals", null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void theValuesAreIndexedForTheirQueries() {
        List<IndexInfo> indexes = mongo.indexOps(MetricDocuments.COLLECTION).getIndexInfo();
        assertThat(indexes).extracting(IndexInfo::getName).contains("metric_pipeline_period", "metric_owner");
    }
}
