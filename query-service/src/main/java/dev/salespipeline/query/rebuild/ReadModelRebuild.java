package dev.salespipeline.query.rebuild;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

import com.mongodb.MongoNamespace;
import com.mongodb.client.model.RenameCollectionOptions;

import dev.salespipeline.api.Topics;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.kafka.FailureKind;
import dev.salespipeline.query.alert.projection.StalledDealAlertView;
import dev.salespipeline.query.consumer.ConsumerFailures;
import dev.salespipeline.query.events.MalformedEventException;
import dev.salespipeline.query.events.PipelineEventListener;
import dev.salespipeline.query.events.ProjectionBatch;
import dev.salespipeline.query.events.WriteBehind;
import dev.salespipeline.query.metrics.projection.MetricDocuments;

/**
 * Rebuilds every read model from the event topic without taking the live ones away: a consumer of its own (no group,
 * all partitions) folds the whole topic, in large batches, into new collections ({@value #SUFFIX} after each name;
 * written by the rebuild alone, so by id without guards in the filter, and through a {@link WriteBehind}: the
 * documents it wrote are held in memory, up to {@code pipeline.query.rebuild.held-documents}, so that batches read
 * nothing back and each document is written once per window, inserted if it is new),
 * while the live listener keeps the current read models up to date and readers read them. When the rebuild has
 * applied every event that was on the topic when it began, it builds the new collections' indexes (those of the live
 * collections), catches up with what arrived meanwhile, and then swaps: it stops the live listener, applies the last
 * few events, renames each new collection over its live one, moves the live consumer group to where the rebuild
 * stopped, and starts the live listener again. Readers see the old read models until the rename, the new ones after;
 * never an empty one. The topic keeps every event forever and the projections are deterministic, so the documents
 * afterwards equal those of a fresh fold.
 *
 * <p>It replaces only the collections the event projections own: every collection but the metric and alert documents
 * (which come from their own topics and are kept) and the system's; an owned collection the rebuild did not write (no
 * event of its kind any more) is emptied, as a fresh fold would leave it. A record the live listener dead-lettered
 * (it cannot be read) is skipped and counted.
 *
 * <p>The group's offsets can only be moved while no other instance consumes in it: with several replicas, scale them
 * down to one first (the rebuild refuses otherwise and changes nothing). A failure that passes (MongoDB unreachable
 * for a while, as {@link ConsumerFailures} says) is retried with back-off, without skipping, and the progress says so
 * meanwhile; any other failure drops the new collections and leaves the live read models as they are, and
 * {@code GET /admin/rebuild} then says why.
 */
@Component
public class ReadModelRebuild implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);

    /** What the collections being rebuilt are named: the live name, then this. */
    public static final String SUFFIX = "__rebuild";
    private static final long TIMEOUT_SECONDS = 30;
    /** Collections not written by the event topic's projections: metrics and alerts come from their own topics. */
    private static final Set<String> KEPT = Set.of(MetricDocuments.COLLECTION, StalledDealAlertView.COLLECTION);
    /** Events still to apply at which the live listener is stopped for the swap: a second or so of work. */
    private static final long SWAP_WHEN_BEHIND = 2_000;
    private static final long FIRST_RETRY_MS = 200;
    private static final long LONGEST_RETRY_MS = 30_000;

    private final KafkaListenerEndpointRegistry listeners;
    private final PipelineEventListener events;
    private final MongoTemplate mongo;
    private final AdminClient admin;
    private final Map<String, Object> kafka;
    private final String groupId;
    private final int batchSize;
    private final int heldDocuments;
    private final Clock clock;
    private final ConsumerFailures failures;
    private volatile Run run;

    ReadModelRebuild(KafkaListenerEndpointRegistry listeners, PipelineEventListener events, MongoTemplate mongo,
                     KafkaAdmin kafkaAdmin, @Value("${pipeline.query.consumer-group:query-service}") String groupId,
                     @Value("${pipeline.query.rebuild.batch-size:5000}") int batchSize,
                     @Value("${pipeline.query.rebuild.held-documents:100000}") int heldDocuments, Clock clock,
                     ConsumerFailures failures) {
        this.listeners = listeners;
        this.events = events;
        this.mongo = mongo;
        this.kafka = kafkaAdmin.getConfigurationProperties();
        this.admin = AdminClient.create(kafka);
        this.groupId = groupId;
        this.batchSize = batchSize;
        this.heldDocuments = heldDocuments;
        this.clock = clock;
        this.failures = failures;
    }

    /**
     * @throws RebuildRefusedException if another instance consumes in the group, or a rebuild is under way
     */
    public synchronized Progress start() {
        if (run != null && !run.finished()) {
            throw new RebuildRefusedException("a rebuild is under way");
        }
        MessageListenerContainer container = container();
        // The group must be this instance's alone, now and at the swap.
        container.stop();
        try {
            refuseIfOthersConsume();
        } finally {
            container.start();
        }
        List<TopicPartition> partitions = partitions();
        Map<TopicPartition, Long> start = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> end = offsets(partitions, OffsetSpec.latest());
        dropRebuildCollections();
        Run started = new Run(clock.instant(), start, end, owned(),
                new WriteBehind(mongo, name -> name + SUFFIX, heldDocuments));
        run = started;
        Thread worker = new Thread(() -> rebuild(started, partitions), "read-model-rebuild");
        worker.setDaemon(true);
        worker.start();
        return progress();
    }

    /** Where the latest rebuild stands, or an idle answer when there has been none since start-up. */
    public Progress progress() {
        Run current = run;
        if (current == null) {
            return new Progress(false, "IDLE", null, null, 0, 0, 0, 0, null, null, List.of(), null);
        }
        long applied = current.applied.get();
        long total = current.total();
        double seconds = Math.max(0.001, Duration.between(current.startedAt,
                current.finishedAt == null ? clock.instant() : current.finishedAt).toMillis() / 1000.0);
        double rate = applied / seconds;
        Long eta = current.finished() ? Long.valueOf(0) : rate <= 0 ? null
                : Long.valueOf(Math.round(Math.max(0, total - applied) / rate));
        return new Progress(!current.finished(), current.phase, current.startedAt, current.finishedAt, applied, total,
                current.skipped.get(), Math.round(rate), eta, current.error, current.replaced, current.written());
    }

    private void rebuild(Run current, List<TopicPartition> partitions) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batchSize);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        MessageListenerContainer container = container();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            current.phase = "READING";
            readUntil(consumer, current, current.end, current);
            current.phase = "INDEXING";
            buildIndexes(current.written());
            current.phase = "CATCHING_UP";
            Map<TopicPartition, Long> now = offsets(partitions, OffsetSpec.latest());
            while (behind(consumer, now) > SWAP_WHEN_BEHIND) {
                readUntil(consumer, current, now, null);
                now = offsets(partitions, OffsetSpec.latest());
            }
            current.phase = "SWAPPING";
            container.stop();
            try {
                Map<TopicPartition, Long> last = offsets(partitions, OffsetSpec.latest());
                readUntil(consumer, current, last, null);
                List<String> derived = events.rebuilt(new ProjectionBatch(mongo, name -> name + SUFFIX, true, false))
                        .collectionsWritten().stream().filter(name -> !current.written().contains(name)).toList();
                current.written.addAll(derived);
                buildIndexes(derived);
                Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
                for (TopicPartition partition : partitions) {
                    positions.put(partition, new OffsetAndMetadata(consumer.position(partition)));
                }
                // The group first: if another instance joined meanwhile, this refuses and nothing is swapped.
                refuseIfOthersConsume();
                moveGroup(positions);
                swap(current);
            } finally {
                container.start();
            }
            current.end("DONE", clock.instant());
        } catch (RuntimeException e) {
            log.error("The read-model rebuild failed; the live read models are kept", e);
            current.error = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            try {
                dropRebuildCollections();
            } catch (RuntimeException cleanup) {
                log.warn("Could not drop the collections of the failed rebuild", cleanup);
            }
            if (!container.isRunning()) {
                container.start();
            }
            current.end("FAILED", clock.instant());
        }
    }

    /**
     * Folds batches into the new collections until every partition's position reaches {@code until}; counts the
     * records up to the rebuild's own end in {@code counted}, if given.
     */
    private void readUntil(KafkaConsumer<String, String> consumer, Run current, Map<TopicPartition, Long> until,
                           Run counted) {
        while (behind(consumer, until) > 0) {
            List<EventEnvelope<?>> batch = new ArrayList<>();
            long inRange = 0;
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < current.end.getOrDefault(partition, 0L)) {
                    inRange++;
                }
                try {
                    batch.add(events.read(record));
                } catch (MalformedEventException skipped) {
                    current.skipped.incrementAndGet();
                }
            }
            if (!batch.isEmpty()) {
                current.written.addAll(project(batch, current).collectionsWritten());
            }
            if (counted != null) {
                counted.applied.addAndGet(inRange);
            }
        }
        retrying(current, () -> current.writeBehind.flush());
    }

    /**
     * Folds one batch into the new collections. A failure that passes (MongoDB unreachable for a while) is retried with
     * back-off, without end and without skipping, and shown in the progress; any other ends the rebuild.
     */
    private ProjectionBatch project(List<EventEnvelope<?>> batch, Run current) {
        return retrying(current, () -> events.project(batch, new ProjectionBatch(current.writeBehind)));
    }

    /**
     * Runs one step of the rebuild; a failure that passes is retried with back-off, without end, and shown in the
     * progress; any other ends the rebuild. A batch tried again after its documents were taken by the write-behind
     * finds them applied, as a batch delivered again does.
     */
    private <T> T retrying(Run current, Supplier<T> step) {
        long backOff = FIRST_RETRY_MS;
        while (true) {
            try {
                T done = step.get();
                current.error = null;
                return done;
            } catch (RuntimeException e) {
                if (failures.classify(e) != FailureKind.TRANSIENT) {
                    throw e;
                }
                current.error = "retrying in " + backOff + " ms: " + e.getMessage();
                log.warn("The read-model rebuild waits for MongoDB, retrying in {} ms", backOff, e);
                try {
                    TimeUnit.MILLISECONDS.sleep(backOff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("the rebuild was interrupted", interrupted);
                }
                backOff = Math.min(LONGEST_RETRY_MS, backOff * 2);
            }
        }
    }

    private static long behind(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> until) {
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> end : until.entrySet()) {
            behind += Math.max(0, end.getValue() - consumer.position(end.getKey()));
        }
        return behind;
    }

    /** The live collections' indexes on the new ones, built once their documents are in. */
    private void buildIndexes(List<String> written) {
        for (String rebuilt : written) {
            String live = rebuilt.substring(0, rebuilt.length() - SUFFIX.length());
            if (!mongo.collectionExists(live)) {
                continue;
            }
            IndexOperations target = mongo.indexOps(rebuilt);
            for (IndexInfo info : mongo.indexOps(live).getIndexInfo()) {
                if ("_id_".equals(info.getName())) {
                    continue;
                }
                Index index = new Index().named(info.getName());
                info.getIndexFields().forEach(field -> index.on(field.getKey(),
                        field.getDirection() == null ? Sort.Direction.ASC : field.getDirection()));
                if (info.isUnique()) {
                    index.unique();
                }
                if (info.isSparse()) {
                    index.sparse();
                }
                target.createIndex(index);
            }
        }
    }

    /**
     * Each new collection over its live one; an owned collection the rebuild did not write is emptied, keeping its
     * indexes, as a fresh fold would leave it.
     */
    private void swap(Run current) {
        Set<String> written = new LinkedHashSet<>(current.written());
        String database = mongo.getDb().getName();
        for (String rebuilt : written) {
            String live = rebuilt.substring(0, rebuilt.length() - SUFFIX.length());
            mongo.getCollection(rebuilt).renameCollection(new MongoNamespace(database, live),
                    new RenameCollectionOptions().dropTarget(true));
        }
        for (String live : owned()) {
            if (!written.contains(live + SUFFIX)) {
                mongo.remove(new Query(), live);
            }
        }
    }

    /** The live collections the event projections own. */
    private List<String> owned() {
        return mongo.getCollectionNames().stream()
                .filter(name -> !KEPT.contains(name) && !name.startsWith("system.") && !name.endsWith(SUFFIX))
                .sorted()
                .toList();
    }

    private void dropRebuildCollections() {
        mongo.getCollectionNames().stream().filter(name -> name.endsWith(SUFFIX)).forEach(mongo::dropCollection);
    }

    private MessageListenerContainer container() {
        MessageListenerContainer container = listeners.getListenerContainer(PipelineEventListener.LISTENER_ID);
        if (container == null) {
            throw new IllegalStateException("no event listener " + PipelineEventListener.LISTENER_ID);
        }
        return container;
    }

    /** With this instance's listener stopped, any member left in the group is another instance. */
    private void refuseIfOthersConsume() {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId)).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(groupId);
            if (group != null && !group.members().isEmpty()) {
                throw new RebuildRefusedException("other instances consume in group " + groupId
                        + ": scale query-service down to one instance, then rebuild");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not describe group " + groupId, e);
        }
    }

    private void moveGroup(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        try {
            admin.alterConsumerGroupOffsets(groupId, offsets).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // Kafka answers a group with other live members one way or the other, depending on its protocol.
            if (e.getCause() instanceof GroupNotEmptyException || e.getCause() instanceof UnknownMemberIdException) {
                throw new RebuildRefusedException("other instances consume in group " + groupId
                        + ": scale query-service down to one instance, then rebuild");
            }
            throw new IllegalStateException("could not move group " + groupId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    private List<TopicPartition> partitions() {
        try {
            TopicDescription topic = admin.describeTopics(List.of(Topics.PIPELINE_EVENTS))
                    .allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(Topics.PIPELINE_EVENTS);
            return topic.partitions().stream()
                    .map(p -> new TopicPartition(Topics.PIPELINE_EVENTS, p.partition())).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not describe " + Topics.PIPELINE_EVENTS, e);
        }
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        try {
            Map<TopicPartition, OffsetSpec> request = partitions.stream()
                    .collect(Collectors.toMap(partition -> partition, partition -> spec));
            Map<TopicPartition, ListOffsetsResultInfo> result = admin.listOffsets(request).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return result.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the offsets of " + Topics.PIPELINE_EVENTS, e);
        }
    }

    @Override
    public void destroy() {
        admin.close();
    }

    /** One rebuild: what it set out to apply, and how far it is. */
    private static final class Run {
        private final Instant startedAt;
        private final Map<TopicPartition, Long> start;
        private final Map<TopicPartition, Long> end;
        private final List<String> replaced;
        private final AtomicLong applied = new AtomicLong();
        private final AtomicLong skipped = new AtomicLong();
        private final Set<String> written = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
        /** What the rebuild's batches wrote and are about to write; its thread's alone. */
        private final WriteBehind writeBehind;
        private volatile String phase = "STARTING";
        private volatile Instant finishedAt;
        private volatile String error;

        Run(Instant startedAt, Map<TopicPartition, Long> start, Map<TopicPartition, Long> end, List<String> replaced,
            WriteBehind writeBehind) {
            this.startedAt = startedAt;
            this.writeBehind = writeBehind;
            this.start = start;
            this.end = end;
            this.replaced = replaced;
        }

        long total() {
            return end.entrySet().stream()
                    .mapToLong(entry -> entry.getValue() - start.getOrDefault(entry.getKey(), 0L)).sum();
        }

        boolean finished() {
            return "DONE".equals(phase) || "FAILED".equals(phase);
        }

        /** Ends the run: its end time first, so that whoever reads it finished also reads when. */
        void end(String finalPhase, Instant at) {
            finishedAt = at;
            phase = finalPhase;
        }

        List<String> written() {
            synchronized (written) {
                return List.copyOf(written);
            }
        }
    }

    /**
     * @param rebuilding       whether the rebuild is still under way (reading, indexing, catching up or swapping)
     * @param phase            IDLE, STARTING, READING, INDEXING, CATCHING_UP, SWAPPING, DONE or FAILED
     * @param startedAt        when the latest rebuild began, or null if none since start-up
     * @param finishedAt       when it ended, or null
     * @param eventsApplied    records of the topic folded into the new collections, up to {@code eventsToApply}
     * @param eventsToApply    records on the topic when the rebuild began
     * @param eventsSkipped    records that cannot be read (the live listener dead-lettered them)
     * @param eventsPerSecond  records folded per second so far
     * @param etaSeconds       seconds until the records on the topic at the start are folded, at that rate
     * @param error            why the rebuild failed, or null
     * @param emptied          the live collections the rebuild replaces (readers keep them until the swap)
     * @param rebuilt          the new collections written so far
     */
    public record Progress(boolean rebuilding, String phase, Instant startedAt, Instant finishedAt,
                           long eventsApplied, long eventsToApply, long eventsSkipped, long eventsPerSecond,
                           Long etaSeconds, String error, List<String> emptied, List<String> rebuilt) {
    }

    /** A rebuild that may not start now; nothing was changed. Answered with 409. */
    public static class RebuildRefusedException extends RuntimeException {

        RebuildRefusedException(String message) {
            super(message);
        }
    }
}
