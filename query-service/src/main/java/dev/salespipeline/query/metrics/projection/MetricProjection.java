package dev.salespipeline.query.metrics.projection;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.salespipeline.query.metrics.MalformedRecordException;
import dev.salespipeline.query.metrics.MetricRecords;
import dev.salespipeline.query.metrics.MetricValue;
import dev.salespipeline.api.metrics.PeriodType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the latest value of every metric key in {@link MetricDocuments#COLLECTION}. The metric topics
 * are compacted, so the newest record of a key is its value: a document is written only by a record
 * at a higher offset than the one it holds, and a replayed older record changes nothing. A tombstone
 * (no value) deletes the document.
 *
 * <p>The records' timestamps, not the clock, become {@code updatedAt}: a rebuild from the topics gives
 * the same documents.
 */
@Component
class MetricProjection {

    private final MongoTemplate mongo;
    private final ObjectReader reader;

    MetricProjection(MongoTemplate mongo, JsonMapper json) {
        this.mongo = mongo;
        this.reader = MetricRecords.reader(json);
        IndexOperations indexes = mongo.indexOps(MetricDocuments.COLLECTION);
        indexes.createIndex(new Index().on(MetricDocuments.METRIC, Sort.Direction.ASC)
                .on(MetricDocuments.PIPELINE_ID, Sort.Direction.ASC)
                .on(MetricDocuments.PERIOD_TYPE, Sort.Direction.ASC)
                .on(MetricDocuments.PERIOD, Sort.Direction.ASC)
                .named("metric_pipeline_period"));
        indexes.createIndex(new Index().on(MetricDocuments.METRIC, Sort.Direction.ASC)
                .on(MetricDocuments.OWNER_ID, Sort.Direction.ASC)
                .named("metric_owner"));
    }

    @KafkaListener(id = "metrics", topics = "#{T(dev.salespipeline.api.Topics).METRICS_TOPICS}",
            groupId = "${pipeline.query.consumer-group:query-service}-metrics",
            containerFactory = "metricListenerContainerFactory")
    void on(ConsumerRecord<String, String> record) {
        MetricValue metric = MetricRecords.read(record, reader);
        String id = MetricDocuments.id(record.topic(), record.key());
        // Only a document written from an older record matches.
        Query older = Query.query(where("_id").is(id).and(MetricDocuments.OFFSET).lt(record.offset()));
        if (metric.value() == null) {
            mongo.remove(older, MetricDocuments.COLLECTION);
            return;
        }
        Object value;
        try {
            value = MetricDocuments.toBson(metric.value());
        } catch (NumberFormatException e) {
            throw new MalformedRecordException("a number does not fit a 128-bit decimal: " + e.getMessage(), e);
        }
        Update update = new Update()
                .set(MetricDocuments.METRIC, metric.metric())
                .set(MetricDocuments.TOPIC, record.topic())
                .set(MetricDocuments.KEY, record.key())
                .set(MetricDocuments.VALUE, value)
                .set(MetricDocuments.UPDATED_AT, metric.updatedAt())
                .set(MetricDocuments.PARTITION, record.partition())
                .set(MetricDocuments.OFFSET, record.offset());
        for (String dimension : MetricDocuments.DIMENSIONS) {
            String cut = dimension(metric.value(), dimension);
            if (cut == null) {
                update.unset(dimension);
            } else {
                update.set(dimension, cut);
            }
        }
        try {
            mongo.upsert(older, update, MetricDocuments.COLLECTION);
        } catch (DuplicateKeyException newerKept) {
            // The document holds a newer record's value: the upsert found no older one and could not insert.
        }
    }

    private static String dimension(JsonNode value, String name) {
        JsonNode cut = value.get(name);
        if (cut == null || cut.isNull()) {
            return null;
        }
        if (!cut.isString()) {
            throw new MalformedRecordException("dimension " + name + " is not text: " + cut);
        }
        String text = cut.asString();
        if (name.equals(MetricDocuments.PERIOD_TYPE)) {
            try {
                PeriodType.valueOf(text);
            } catch (IllegalArgumentException e) {
                throw new MalformedRecordException("unknown periodType " + text, e);
            }
        }
        return text;
    }
}
