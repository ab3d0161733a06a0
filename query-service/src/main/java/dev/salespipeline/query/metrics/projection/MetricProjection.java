package dev.salespipeline.query.metrics.projection;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import dev.salespipeline.query.metrics.MalformedRecordException;
import dev.salespipeline.query.metrics.MetricRecords;
import dev.salespipeline.query.metrics.MetricValue;
import dev.salespipeline.api.metrics.PeriodType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import com.mongodb.bulk.BulkWriteError;

/**
 * Keeps the latest value of every metric key in {@link MetricDocuments#COLLECTION}. The metric topics
 * are compacted, so the newest record of a key is its value: a document is written only by a record
 * at a higher offset than the one it holds, and a replayed older record changes nothing. A tombstone
 * (no value) deletes the document.
 *
 * <p>The records come a batch at a time and only the latest of each key in a batch is written: a deal's change makes
 * about a dozen metric records, many of them new values of the same rows, so one unordered bulk write per poll takes
 * the place of a round trip per record. A record that cannot be read is dead-lettered alone, after the records
 * before it are written.
 *
 * <p>The records' timestamps, not the clock, become {@code updatedAt}: a rebuild from the topics gives
 * the same documents.
 */
@Component
class MetricProjection {

    private static final int DUPLICATE_KEY = 11000;

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
            containerFactory = "metricListenerContainerFactory", batch = "true",
            properties = "max.poll.records=${pipeline.query.metrics.batch-size:2000}")
    void on(List<ConsumerRecord<String, String>> records) {
        Map<String, Write> latest = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            Write write;
            try {
                write = write(record);
            } catch (RuntimeException unreadable) {
                // What came before it is written and committed; it goes to the dead-letter topic alone.
                execute(latest.values(), records.get(0));
                throw new BatchListenerFailedException(unreadable.getMessage(), unreadable, record);
            }
            latest.merge(write.id(), write, (kept, next) -> next.offset() > kept.offset() ? next : kept);
        }
        execute(latest.values(), records.get(0));
    }

    /** What one record does to its document: set its value, or delete it (a tombstone). */
    private record Write(String id, long offset, Update update) {
    }

    private Write write(ConsumerRecord<String, String> record) {
        MetricValue metric = MetricRecords.read(record, reader);
        String id = MetricDocuments.id(record.topic(), record.key());
        if (metric.value() == null) {
            return new Write(id, record.offset(), null);
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
        return new Write(id, record.offset(), update);
    }

    /**
     * The batch's writes, the latest record of each key only, in one unordered bulk write. Each is guarded by its
     * offset, so a batch delivered again changes nothing. A failure of the write comes back as one of the batch's
     * first record, which the error handler retries when retrying can help.
     */
    private void execute(Collection<Write> writes, ConsumerRecord<String, String> first) {
        if (writes.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, MetricDocuments.COLLECTION);
        for (Write write : writes) {
            // Only a document written from an older record matches.
            Query older = Query.query(where("_id").is(write.id()).and(MetricDocuments.OFFSET).lt(write.offset()));
            if (write.update() == null) {
                bulk.remove(older);
            } else {
                bulk.upsert(older, write.update());
            }
        }
        try {
            bulk.execute();
        } catch (BulkOperationException e) {
            for (BulkWriteError error : e.getErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw new BatchListenerFailedException(e.getMessage(), e, first);
                }
                // The document holds a newer record's value: the upsert found no older one and could not insert.
            }
        } catch (RuntimeException e) {
            throw new BatchListenerFailedException(e.getMessage(), e, first);
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
