package dev.salespipeline.query.metrics;

import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reads records of the metric topics. */
public final class MetricRecords {

    private MetricRecords() {
    }

    /** A reader that keeps decimals exact, trailing zeros included, so that amounts are not rounded. */
    public static ObjectReader reader(JsonMapper json) {
        return json.readerFor(JsonNode.class)
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    }

    /**
     * @return the record as a metric value, with a null value for a tombstone
     * @throws MalformedRecordException if the record has no key or its value is not a JSON object
     */
    public static MetricValue read(ConsumerRecord<String, String> record, ObjectReader reader) {
        if (record.key() == null) {
            throw new MalformedRecordException("metric record without a key");
        }
        JsonNode value = null;
        if (record.value() != null) {
            try {
                value = reader.readValue(record.value());
            } catch (JacksonException e) {
                throw new MalformedRecordException("not JSON: " + e.getOriginalMessage(), e);
            }
            if (value == null || !value.isObject()) {
                throw new MalformedRecordException("the value is not a JSON object");
            }
        }
        Instant updatedAt = record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : null;
        return new MetricValue(MetricTopics.family(record.topic()), record.key(), value, updatedAt);
    }
}
