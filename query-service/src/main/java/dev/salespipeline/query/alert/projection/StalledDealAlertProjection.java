package dev.salespipeline.query.alert.projection;

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

import dev.salespipeline.api.alerts.StalledDealAlert;
import dev.salespipeline.query.access.DealAccess;
import dev.salespipeline.query.metrics.MalformedRecordException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps each deal's latest stalled-deal alert from {@link dev.salespipeline.api.Topics#ALERTS_STALLED_DEALS}
 * in {@link StalledDealAlertView#COLLECTION}. The topic is compacted and keyed by deal id, so the newest
 * record of a deal is its alert: a document is written only by a record at a higher offset than the one it
 * holds, and a replayed older record changes nothing. A tombstone deletes the document. A record that is not
 * an alert, or whose key is not its deal, is dead-lettered with the reason.
 */
@Component
class StalledDealAlertProjection {

    private final MongoTemplate mongo;
    private final ObjectReader reader;

    StalledDealAlertProjection(MongoTemplate mongo, JsonMapper json) {
        this.mongo = mongo;
        this.reader = json.readerFor(StalledDealAlert.class)
                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        IndexOperations indexes = mongo.indexOps(StalledDealAlertView.COLLECTION);
        indexes.createIndex(new Index().on("pipelineId", Sort.Direction.ASC).on("status", Sort.Direction.ASC)
                .on("since", Sort.Direction.ASC).named("pipeline_status_since"));
        indexes.createIndex(new Index().on("ownerId", Sort.Direction.ASC).on("status", Sort.Direction.ASC)
                .named("owner_status"));
    }

    @KafkaListener(id = "alerts", topics = "#{T(dev.salespipeline.api.Topics).ALERTS_STALLED_DEALS}",
            groupId = "${pipeline.query.consumer-group:query-service}-alerts",
            containerFactory = "metricListenerContainerFactory")
    void on(ConsumerRecord<String, String> record) {
        if (record.key() == null) {
            throw new MalformedRecordException("alert record without a key");
        }
        // Only a document written from an older record matches.
        Query older = Query.query(where("_id").is(record.key()).and("offset").lt(record.offset()));
        if (record.value() == null) {
            mongo.remove(older, StalledDealAlertView.COLLECTION);
            return;
        }
        StalledDealAlert alert = read(record);
        // Who reads the alert is whoever holds the deal now, which the event topic may have told this service before
        // streams-analytics wrote an alert naming the previous holder.
        DealAccess holder = mongo.findById(alert.dealId(), DealAccess.class);
        Update update = new Update()
                .set("pipelineId", alert.pipelineId())
                .set("stageId", alert.stageId())
                .set("ownerId", holder == null ? alert.ownerId() : holder.ownerId())
                .set("teamId", holder == null ? alert.teamId() : holder.teamId())
                .set("status", alert.status().name())
                .set("reason", alert.reason().name())
                .set("since", alert.since())
                .set("limit", alert.limit().toString())
                .set("raisedAt", alert.raisedAt())
                .set("clearedAt", alert.clearedAt())
                .set("partition", record.partition())
                .set("offset", record.offset());
        try {
            mongo.upsert(older, update, StalledDealAlertView.COLLECTION);
        } catch (DuplicateKeyException newerKept) {
            // The document holds a newer record's alert: the upsert found no older one and could not insert.
        }
    }

    private StalledDealAlert read(ConsumerRecord<String, String> record) {
        StalledDealAlert alert;
        try {
            alert = reader.readValue(record.value());
        } catch (JacksonException e) {
            throw new MalformedRecordException("not a stalled-deal alert: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MalformedRecordException("not a stalled-deal alert: " + e.getMessage(), e);
        }
        if (alert == null) {
            throw new MalformedRecordException("not a stalled-deal alert: the value is empty");
        }
        if (!alert.dealId().equals(record.key())) {
            throw new MalformedRecordException("the key " + record.key() + " is not the alert's deal " + alert.dealId());
        }
        return alert;
    }
}
