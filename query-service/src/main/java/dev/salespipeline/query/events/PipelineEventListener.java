package dev.salespipeline.query.events;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.envelope.EventTypes;
import dev.salespipeline.kafka.FailureKind;
import dev.salespipeline.query.consumer.ConsumerFailures;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the pipeline event topic a batch at a time (up to {@code pipeline.query.projection.batch-size} records, on up
 * to {@code pipeline.query.projection.concurrency} consumer threads) and hands each batch to every {@link Projection}
 * through one {@link ProjectionBatch}: the documents the batch needs are read once, its events folded into them in
 * memory in offset order (so each deal's in its order), the changed documents written with one bulk write per
 * collection, and only then are the offsets committed by the container.
 *
 * <p>Failures follow {@link ConsumerFailures}, per record: a record that cannot be read goes to the dead-letter topic
 * after the records before it are projected and committed, and the records after it come again (see
 * {@link EventConsumerConfiguration}). A transient failure of the writes (MongoDB unreachable) retries the whole
 * batch from its first record, without end. Any other failure of a batch is looked for record by record: the batch
 * is applied one event at a time, the first event that fails alone is dead-lettered with its reason, and the others
 * are applied.
 */
@Component
public class PipelineEventListener {

    /** The listener container's id, for those who stop, restart or watch it. */
    public static final String LISTENER_ID = "pipeline-events";

    private static final TypeReference<EventEnvelope<JsonNode>> GENERIC_ENVELOPE = new TypeReference<>() { };

    private final JsonMapper json;
    private final RequiredFields requiredFields;
    private final List<Projection> projections;
    private final MongoTemplate mongo;
    private final ConsumerFailures failures;
    private final Timer batches;
    private final DistributionSummary batchEvents;
    private final Counter documentsWritten;
    private final Counter bulkWrites;

    PipelineEventListener(JsonMapper json, List<Projection> projections, MongoTemplate mongo,
                          ConsumerFailures failures, MeterRegistry meters) {
        this.json = json;
        this.requiredFields = new RequiredFields(json);
        this.projections = projections;
        this.mongo = mongo;
        this.failures = failures;
        this.batches = Timer.builder("pipeline.projection.batches")
                .description("Batches of events the projections applied, and how long each took, writes included")
                .register(meters);
        this.batchEvents = DistributionSummary.builder("pipeline.projection.batch.events")
                .description("Events per batch the projections applied").register(meters);
        this.documentsWritten = Counter.builder("pipeline.projection.documents.written")
                .description("Read-model documents the projections wrote").register(meters);
        this.bulkWrites = Counter.builder("pipeline.projection.bulk.writes")
                .description("Bulk writes the projections made: one per collection with changes per batch")
                .register(meters);
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.PIPELINE_EVENTS,
            groupId = "${pipeline.query.consumer-group:query-service}", batch = "true",
            concurrency = "${pipeline.query.projection.concurrency:2}",
            properties = "max.poll.records=${pipeline.query.projection.batch-size:2000}")
    void on(List<ConsumerRecord<String, String>> records) {
        List<EventEnvelope<?>> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            EventEnvelope<?> envelope;
            try {
                envelope = read(record);
            } catch (MalformedEventException e) {
                projectRecords(records, events);
                throw new BatchListenerFailedException(e.getMessage(), e, record);
            }
            events.add(envelope);
        }
        projectRecords(records, events);
    }

    /** Projects the first {@code events.size()} records, which {@code events} holds read. */
    private void projectRecords(List<ConsumerRecord<String, String>> records, List<EventEnvelope<?>> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            project(events, positions(records, 0, events.size()));
        } catch (RuntimeException e) {
            if (failures.classify(e) == FailureKind.TRANSIENT) {
                throw new BatchListenerFailedException(e.getMessage(), e, records.get(0));
            }
            for (int i = 0; i < events.size(); i++) {
                ProjectionBatch alone = new ProjectionBatch(mongo);
                try {
                    project(List.of(events.get(i)), positions(records, i, i + 1), alone);
                } catch (RuntimeException failed) {
                    throw new BatchListenerFailedException(failed.getMessage(), abandon(alone, failed),
                            records.get(i));
                }
            }
        }
    }

    /**
     * A single event's batch that failed for good is abandoned: its event goes to the dead-letter topic, so what a
     * projection wrote of it before the failure is undone. A failure that passes is retried instead, the event with it;
     * so is one of undoing, which is reported in place of the first.
     */
    private RuntimeException abandon(ProjectionBatch alone, RuntimeException failed) {
        if (failures.classify(failed) == FailureKind.TRANSIENT) {
            return failed;
        }
        try {
            for (Projection projection : projections) {
                projection.abandoned(alone);
            }
            return failed;
        } catch (RuntimeException undoing) {
            undoing.addSuppressed(failed);
            return undoing;
        }
    }

    private static List<ProjectionBatch.Position> positions(List<ConsumerRecord<String, String>> records, int from,
                                                            int to) {
        return records.subList(from, to).stream()
                .map(record -> new ProjectionBatch.Position(record.partition(), record.offset())).toList();
    }

    /**
     * Applies events to every projection, as one batch: read once, folded in memory, written once. The events were
     * not read from the topic, so a document that adds up many deals' changes cannot tell one delivered twice (see
     * {@link #project(List, List)}).
     */
    public ProjectionBatch project(List<EventEnvelope<?>> events) {
        return project(events, (List<ProjectionBatch.Position>) null);
    }

    /**
     * Applies events to every projection, as one batch, each read where {@code positions} says (the same length as
     * {@code events}, or null when they were not read from the topic).
     */
    public ProjectionBatch project(List<EventEnvelope<?>> events, List<ProjectionBatch.Position> positions) {
        return project(events, positions, new ProjectionBatch(mongo));
    }

    private ProjectionBatch project(List<EventEnvelope<?>> events, List<ProjectionBatch.Position> positions,
                                    ProjectionBatch into) {
        if (positions != null) {
            if (positions.size() != events.size()) {
                throw new IllegalArgumentException(positions.size() + " positions for " + events.size() + " events");
            }
            for (int i = 0; i < events.size(); i++) {
                into.position(events.get(i), positions.get(i));
            }
        }
        long started = System.nanoTime();
        ProjectionBatch batch = project(events, into);
        batches.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        batchEvents.record(events.size());
        documentsWritten.increment(batch.written());
        bulkWrites.increment(batch.bulkWrites());
        return batch;
    }

    /** Applies events to every projection through the given batch (a rebuild's, say, into new collections). */
    public ProjectionBatch project(List<EventEnvelope<?>> events, ProjectionBatch batch) {
        for (Projection projection : projections) {
            projection.load(events, batch);
        }
        for (EventEnvelope<?> envelope : events) {
            for (Projection projection : projections) {
                projection.apply(envelope, batch);
            }
        }
        for (Projection projection : projections) {
            projection.finish(batch);
        }
        batch.write();
        for (Projection projection : projections) {
            projection.written(batch);
        }
        return batch;
    }

    /** Lets every projection work out, once, what it derives from a whole rebuild, and writes it into its batch. */
    public ProjectionBatch rebuilt(ProjectionBatch batch) {
        for (Projection projection : projections) {
            projection.rebuilt(batch);
        }
        batch.write();
        return batch;
    }

    /**
     * The event a record holds, its payload typed and checked as the projections need it.
     *
     * @throws MalformedEventException if the record is not such an event (the live listener dead-letters it)
     */
    public EventEnvelope<?> read(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            throw new MalformedEventException("record without a value");
        }
        EventEnvelope<JsonNode> generic;
        try {
            generic = json.readValue(record.value(), GENERIC_ENVELOPE);
        } catch (JacksonException e) {
            throw new MalformedEventException("not an event envelope: " + e.getOriginalMessage(), e);
        }
        if (generic == null || generic.eventId() == null || generic.type() == null || generic.aggregateId() == null
                || generic.occurredAt() == null || generic.payload() == null || generic.payload().isNull()) {
            throw new MalformedEventException("envelope without eventId, type, aggregateId, occurredAt or payload");
        }
        if (record.key() != null && !record.key().equals(generic.aggregateId())) {
            throw new MalformedEventException("record key " + record.key() + " differs from aggregateId "
                    + generic.aggregateId());
        }
        var registered = EventTypes.byName(generic.type());
        if (registered.isEmpty()) {
            // A newer producer may publish types this version does not know yet. Skipping them would leave the read
            // models without them for good; on the dead-letter topic they show that this reader needs upgrading.
            throw new MalformedEventException("unknown event type " + generic.type() + " (event " + generic.eventId()
                    + ")");
        }
        List<String> missing = requiredFields.missing(generic.type(), generic.version(), generic.payload());
        if (!missing.isEmpty()) {
            throw new MalformedEventException("payload of " + generic.type() + " v" + generic.version()
                    + " lacks required fields " + missing);
        }
        Object payload;
        try {
            payload = json.treeToValue(generic.payload(), registered.get().payloadType());
        } catch (JacksonException e) {
            throw new MalformedEventException("payload is not a valid " + generic.type() + ": "
                    + e.getOriginalMessage(), e);
        }
        if (payload instanceof DomainEvent event && !generic.aggregateId().equals(event.aggregateId())) {
            throw new MalformedEventException("payload belongs to " + event.aggregateId() + ", envelope to "
                    + generic.aggregateId());
        }
        return new EventEnvelope<>(generic.eventId(), generic.type(), generic.version(), generic.aggregateId(),
                generic.aggregateSequence(), generic.globalSequence(), generic.occurredAt(), generic.recordedAt(),
                generic.actor(), generic.source(), generic.correlationId(), payload);
    }
}
