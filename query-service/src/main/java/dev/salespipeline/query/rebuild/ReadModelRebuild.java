package dev.salespipeline.query.rebuild;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.Topics;
import dev.salespipeline.query.alert.projection.StalledDealAlertView;
import dev.salespipeline.query.events.PipelineEventListener;
import dev.salespipeline.query.metrics.projection.MetricDocuments;

/**
 * Rebuilds every read model from the event topic: stops the event listener, empties the collections the
 * projections write (keeping their indexes), moves the consumer group back to the start of the topic and
 * starts the listener again, which then applies the whole history. The topic keeps every event forever and
 * the projections are deterministic (no wall-clock time in documents), so the documents afterwards equal
 * those before.
 *
 * <p>The group's offsets can only be moved while no other instance consumes in it: with several replicas,
 * scale them down to one first (the rebuild refuses otherwise and changes nothing). Metric documents come
 * from the metric topics, not from the event topic, and are kept. Reads during a rebuild see partial
 * read models.
 */
@Component
public class ReadModelRebuild implements DisposableBean {

    private static final long TIMEOUT_SECONDS = 30;
    /** Collections not written by the event topic's projections: metrics and alerts come from their own topics. */
    private static final Set<String> KEPT = Set.of(MetricDocuments.COLLECTION, StalledDealAlertView.COLLECTION);

    private final KafkaListenerEndpointRegistry listeners;
    private final MongoTemplate mongo;
    private final AdminClient admin;
    private final String groupId;
    private final Clock clock;
    private volatile Run run;

    ReadModelRebuild(KafkaListenerEndpointRegistry listeners, MongoTemplate mongo, KafkaAdmin kafkaAdmin,
                     @Value("${pipeline.query.consumer-group:query-service}") String groupId, Clock clock) {
        this.listeners = listeners;
        this.mongo = mongo;
        this.admin = AdminClient.create(kafkaAdmin.getConfigurationProperties());
        this.groupId = groupId;
        this.clock = clock;
    }

    /**
     * @throws RebuildRefusedException if another instance consumes in the group, or a rebuild is under way
     */
    public synchronized Progress start() {
        if (run != null && !progress().done()) {
            throw new RebuildRefusedException("a rebuild is under way");
        }
        MessageListenerContainer container = listeners.getListenerContainer(PipelineEventListener.LISTENER_ID);
        if (container == null) {
            throw new IllegalStateException("no event listener " + PipelineEventListener.LISTENER_ID);
        }
        container.stop();
        try {
            Map<TopicPartition, Long> start = offsets(OffsetSpec.earliest());
            Map<TopicPartition, Long> end = offsets(OffsetSpec.latest());
            rewind(start);
            List<String> emptied = mongo.getCollectionNames().stream()
                    .filter(name -> !KEPT.contains(name) && !name.startsWith("system."))
                    .sorted()
                    .toList();
            emptied.forEach(name -> mongo.remove(new Query(), name));
            run = new Run(clock.instant(), start, end, emptied);
        } finally {
            container.start();
        }
        return progress();
    }

    /** Where the latest rebuild stands, or an idle answer when there has been none since start-up. */
    public Progress progress() {
        Run current = run;
        if (current == null) {
            return new Progress(false, null, 0, 0, List.of());
        }
        Map<TopicPartition, Long> committed = committed();
        long total = current.end().entrySet().stream()
                .mapToLong(entry -> entry.getValue() - current.start().getOrDefault(entry.getKey(), 0L)).sum();
        long applied = current.end().entrySet().stream()
                .mapToLong(entry -> Math.min(entry.getValue(), committed.getOrDefault(entry.getKey(), 0L))
                        - current.start().getOrDefault(entry.getKey(), 0L))
                .map(value -> Math.max(0, value))
                .sum();
        return new Progress(applied < total, current.startedAt(), applied, total, current.emptied());
    }

    private void rewind(Map<TopicPartition, Long> start) {
        Map<TopicPartition, OffsetAndMetadata> offsets = start.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> new OffsetAndMetadata(entry.getValue())));
        try {
            admin.alterConsumerGroupOffsets(groupId, offsets).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // Kafka answers a group with other live members one way or the other, depending on its protocol.
            if (e.getCause() instanceof GroupNotEmptyException || e.getCause() instanceof UnknownMemberIdException) {
                throw new RebuildRefusedException("other instances consume in group " + groupId
                        + ": scale query-service down to one instance, then rebuild");
            }
            throw new IllegalStateException("could not move group " + groupId + " to the start of the topic", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    private Map<TopicPartition, Long> offsets(OffsetSpec spec) {
        try {
            TopicDescription topic = admin.describeTopics(List.of(Topics.PIPELINE_EVENTS))
                    .allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(Topics.PIPELINE_EVENTS);
            Map<TopicPartition, OffsetSpec> request = topic.partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(Topics.PIPELINE_EVENTS, p.partition()), p -> spec));
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

    private Map<TopicPartition, Long> committed() {
        try {
            return admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).entrySet().stream()
                    .filter(entry -> entry.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the offsets of group " + groupId, e);
        }
    }

    @Override
    public void destroy() {
        admin.close();
    }

    private record Run(Instant startedAt, Map<TopicPartition, Long> start, Map<TopicPartition, Long> end,
                       List<String> emptied) {
    }

    /**
     * @param rebuilding       whether events recorded before the rebuild began are still being applied
     * @param startedAt        when the latest rebuild began, or null if none since start-up
     * @param eventsApplied    records of the topic applied (and committed) since then, up to {@code eventsToApply}
     * @param eventsToApply    records on the topic when the rebuild began
     * @param emptied          the collections emptied and rebuilt
     */
    public record Progress(boolean rebuilding, Instant startedAt, long eventsApplied, long eventsToApply,
                           List<String> emptied) {

        boolean done() {
            return !rebuilding;
        }
    }

    /** A rebuild that may not start now; nothing was changed. Answered with 409. */
    public static class RebuildRefusedException extends RuntimeException {

        RebuildRefusedException(String message) {
            super(message);
        }
    }
}
