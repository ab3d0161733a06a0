package dev.salespipeline.query.live;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.Topics;
import dev.salespipeline.api.deal.DealEvent;
import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealTransferred;
import dev.salespipeline.api.envelope.EventTypes;
import dev.salespipeline.api.pipeline.PipelineEvent;
import dev.salespipeline.query.access.Visibility;
import dev.salespipeline.query.live.DealDirectory.DealFacts;
import dev.salespipeline.query.metrics.MalformedRecordException;
import dev.salespipeline.query.metrics.MetricRecords;
import dev.salespipeline.query.metrics.MetricValue;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns records of the event and metric topics into {@link LiveChange}s. Records that cannot be read
 * are skipped here: the projections' consumers dead-letter them.
 */
@Component
class ChangeDecoder {

    private static final Logger log = LoggerFactory.getLogger(ChangeDecoder.class);
    private static final List<String> ENVELOPE_FIELDS = List.of("eventId", "type", "aggregateId", "aggregateSequence",
            "occurredAt", "actor", "payload");
    private static final String DEAL_OPENED = EventTypes.nameOf(DealOpened.class);
    private static final String DEAL_TRANSFERRED = EventTypes.nameOf(DealTransferred.class);
    private static final String DEAL_HANDED_OVER = EventTypes.nameOf(DealHandedOver.class);
    static final String METRIC_EVENT = "metric";
    static final String STALLED_DEAL_EVENT = "stalled-deal";

    private final JsonMapper json;
    private final ObjectReader metricReader;
    private final DealDirectory deals;
    private final Visibility visibility;

    ChangeDecoder(JsonMapper json, DealDirectory deals, Visibility visibility) {
        this.json = json;
        this.metricReader = MetricRecords.reader(json);
        this.deals = deals;
        this.visibility = visibility;
    }

    /**
     * @param learn      whether this record is the newest of its deal seen so far (the broadcast consumer's),
     *                   so that what it says about the deal is remembered; false for records replayed
     * @param interested whether anybody listens; if not, only what is cheap to learn is learnt
     * @return the change, or null for a record nobody gets
     */
    LiveChange decode(ConsumerRecord<String, String> record, boolean learn, boolean interested) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (record.topic().equals(Topics.PIPELINE_EVENTS)) {
            return record.value() == null ? null : event(record, partition, learn, interested);
        }
        if (!interested) {
            return null;
        }
        if (Topics.ALERT_TOPICS.contains(record.topic())) {
            return alert(record, partition);
        }
        MetricValue metric;
        try {
            metric = MetricRecords.read(record, metricReader);
        } catch (MalformedRecordException e) {
            log.debug("Not broadcasting metric record {}@{}: {}", partition, record.offset(), e.getMessage());
            return null;
        }
        JsonNode pipelineId = metric.value() == null ? null : metric.value().get("pipelineId");
        // What decides who sees the row is looked up once here, not once per stream.
        return new LiveChange(partition, record.offset(), METRIC_EVENT, json.writeValueAsString(metric), null,
                Set.of(), null, metric.metric(),
                pipelineId != null && pipelineId.isString() ? pipelineId.asString() : null, metric,
                visibility.row(metric.metric(), metric.key(), metric.value()));
    }

    /**
     * A stalled-deal alert, raised or cleared, for those who may see its deal: who holds the deal now, as far
     * as known here, else the owner and team the alert names (as they were when it was written). A tombstone
     * goes to nobody.
     */
    private LiveChange alert(ConsumerRecord<String, String> record, TopicPartition partition) {
        if (record.value() == null) {
            return null;
        }
        JsonNode alert;
        try {
            alert = json.readTree(record.value());
        } catch (JacksonException e) {
            log.debug("Not broadcasting alert record {}@{}: {}", partition, record.offset(), e.getOriginalMessage());
            return null;
        }
        String dealId = text(alert, "dealId");
        String pipelineId = text(alert, "pipelineId");
        if (dealId == null || pipelineId == null) {
            return null;
        }
        DealFacts holder = deals.facts(dealId);
        if (holder.ownerId() == null) {
            holder = new DealFacts(pipelineId, text(alert, "ownerId"), text(alert, "teamId"));
        }
        return new LiveChange(partition, record.offset(), STALLED_DEAL_EVENT, json.writeValueAsString(alert), dealId,
                Set.of(pipelineId), List.of(holder), null, null, null, null);
    }

    private LiveChange event(ConsumerRecord<String, String> record, TopicPartition partition, boolean learn,
                             boolean interested) {
        JsonNode envelope;
        try {
            envelope = json.readTree(record.value());
        } catch (JacksonException e) {
            return null;
        }
        String type = text(envelope, "type");
        String aggregateId = text(envelope, "aggregateId");
        JsonNode payload = envelope.get("payload");
        if (type == null || aggregateId == null || payload == null || !payload.isObject()) {
            return null;
        }
        Class<?> payloadType = EventTypes.byName(type).map(EventTypes.Registered::payloadType).orElse(null);
        String dealId = text(payload, "dealId");
        // A type this version does not know yet counts as a deal event when its aggregate is the deal.
        boolean dealEvent = payloadType != null ? DealEvent.class.isAssignableFrom(payloadType)
                : aggregateId.equals(dealId);
        if (learn && !interested) {
            remember(type, dealId, payload, dealEvent);
            return null;
        }
        ObjectNode data = json.createObjectNode();
        ENVELOPE_FIELDS.forEach(field -> data.set(field, envelope.get(field)));
        String body = json.writeValueAsString(data);
        if (payloadType != null && PipelineEvent.class.isAssignableFrom(payloadType)) {
            return new LiveChange(partition, record.offset(), type, body, null, Set.of(aggregateId), null, null, null,
                    null, null);
        }
        if (dealId == null) {
            // Targets, unmatched activities: on no channel.
            return null;
        }
        // Who holds the deal now decides. Live, that is who held it before this event (its opening names them);
        // in a replay, who holds it at the time of the replay, which the directory knows.
        DealFacts opening = type.equals(DEAL_OPENED)
                ? new DealFacts(text(payload, "pipelineId"), text(payload, "ownerId"), text(payload, "teamId"))
                : null;
        DealFacts before = opening != null && learn ? opening : deals.facts(dealId);
        if (opening != null && before.ownerId() == null) {
            before = opening;
        }
        DealFacts after = before;
        Set<String> pipelines = new LinkedHashSet<>();
        List<DealFacts> holders = new ArrayList<>(List.of(before));
        if (type.equals(DEAL_TRANSFERRED)) {
            addIfPresent(pipelines, text(payload, "fromPipelineId"));
            addIfPresent(pipelines, text(payload, "toPipelineId"));
            after = before.inPipeline(text(payload, "toPipelineId"));
        } else if (text(payload, "pipelineId") != null) {
            pipelines.add(text(payload, "pipelineId"));
            after = before.inPipeline(text(payload, "pipelineId"));
        } else {
            addIfPresent(pipelines, before.pipelineId());
        }
        if (type.equals(DEAL_HANDED_OVER)) {
            // Both sides: the previous holder's views learn that the deal left them.
            after = after.ownedBy(text(payload, "ownerId"), text(payload, "teamId"));
            holders = new ArrayList<>(List.of(after.ownedBy(text(payload, "previousOwnerId"),
                    text(payload, "previousTeamId")), after));
        }
        if (learn && dealEvent) {
            deals.learn(dealId, after);
        }
        return new LiveChange(partition, record.offset(), type, body, dealId, dealEvent ? pipelines : Set.of(),
                holders, null, null, null, null);
    }

    /** Learns what is cheap to learn; forgets a deal whose facts change, to be looked up again when needed. */
    private void remember(String type, String dealId, JsonNode payload, boolean dealEvent) {
        if (dealId == null || !dealEvent) {
            return;
        }
        if (type.equals(DEAL_OPENED)) {
            deals.learn(dealId, new DealFacts(text(payload, "pipelineId"), text(payload, "ownerId"),
                    text(payload, "teamId")));
        } else if (type.equals(DEAL_TRANSFERRED) || type.equals(DEAL_HANDED_OVER)) {
            deals.forget(dealId);
        }
    }

    private static void addIfPresent(Set<String> pipelines, String pipelineId) {
        if (pipelineId != null) {
            pipelines.add(pipelineId);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }
}
