package dev.salespipeline.query.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

import dev.salespipeline.api.Topics;
import dev.salespipeline.query.metrics.projection.MetricDocuments;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MetricValuesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static MetricValue read(String key, String value) {
        return MetricRecords.read(new ConsumerRecord<>(Topics.METRICS_OPENED_DEALS, 0, 7, key, value),
                MetricRecords.reader(JSON));
    }

    @Test
    void decimalsKeepTheirDigitsIntoBsonAndBack() {
        MetricValue metric = read("sales", "{\"pipelineId\":\"sales\",\"amount\":1500.00,\"rate\":0.10,\"count\":3,"
                + "\"big\":12345678901,\"owners\":[\"anna\",{\"x\":null}]}");

        Document bson = (Document) MetricDocuments.toBson(metric.value());
        assertThat(bson.get("amount")).isEqualTo(new Decimal128(new java.math.BigDecimal("1500.00")));
        assertThat(bson.get("count")).isEqualTo(3);
        assertThat(bson.get("big")).isEqualTo(12345678901L);

        JsonNode back = MetricDocuments.toJson(bson);
        assertThat(JSON.writeValueAsString(back)).isEqualTo(
                "{\"pipelineId\":\"sales\",\"amount\":1500.00,\"rate\":0.10,\"count\":3,\"big\":12345678901,"
                        + "\"owners\":[\"anna\",{\"x\":null}]}");
    }

    @Test
    void aRecordNamesItsFamilyAndATombstoneHasNoValue() {
        assertThat(read("sales", "{}").metric()).isEqualTo("opened-deals");
        assertThat(read("sales", null).value()).isNull();
    }

    @Test
    void onlyJsonObjectsWithAKeyAreMetricValues() {
        assertThatThrownBy(() -> read("sales", "{not json")).isInstanceOf(MalformedRecordException.class);
        assertThatThrownBy(() -> read("sales", "[1]")).isInstanceOf(MalformedRecordException.class);
        assertThatThrownBy(() -> read("sales", "3")).isInstanceOf(MalformedRecordException.class);
        assertThatThrownBy(() -> read(null, "{}")).isInstanceOf(MalformedRecordException.class);
    }

    @Test
    void theFamilyIsTheTopicNameWithoutPrefixAndVersion() {
        assertThat(MetricTopics.family("pipeline.metrics.win-rate.v12")).isEqualTo("win-rate");
        assertThat(MetricTopics.families()).contains("opened-deals");
        assertThatThrownBy(() -> MetricTopics.family("pipeline.metrics.query-service.dlt"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
