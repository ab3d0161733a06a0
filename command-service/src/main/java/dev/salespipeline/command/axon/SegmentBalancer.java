package dev.salespipeline.command.axon;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Shares the segments of the tracking processors (the Kafka publisher, the activity delivery) among the
 * command-service instances that run against one event store.
 *
 * <p>Each processor runs as many threads as it has segments, so one instance alone processes all of them. Every
 * {@code pipeline.axon.balance-interval} each instance renews its row in {@code processor_instances} and counts the
 * instances whose rows are fresh; one that holds more segments of a processor than its share (the segments divided
 * by the live instances, rounded up) releases one of them for a few intervals, and an idle thread of another
 * instance claims it. An instance that stops deletes its row and releases its claims; one that dies stops renewing
 * its row and its claims expire ({@code pipeline.axon.token-claim-timeout}): either way the others claim its
 * segments, one thread each. Order per aggregate holds whoever processes a segment: an aggregate's events all fall in
 * the same segment.
 */
@Component
class SegmentBalancer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    /** How many intervals without renewal make an instance count as gone. */
    private static final int INTERVALS_UNTIL_GONE = 3;

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokens;
    private final TransactionManager transactions;
    private final Duration interval;
    private final String instanceId = UUID.randomUUID().toString();
    private ScheduledExecutorService scheduler;

    SegmentBalancer(JdbcTemplate jdbc, EventProcessingConfiguration processing, TokenStore tokens,
                    TransactionManager transactions,
                    @Value("${pipeline.axon.balance-interval:5s}") Duration interval) {
        if (interval.toMillis() < 100) {
            throw new IllegalArgumentException("pipeline.axon.balance-interval must be at least 100 ms: " + interval);
        }
        this.jdbc = jdbc;
        this.processing = processing;
        this.tokens = tokens;
        this.transactions = transactions;
        this.interval = interval;
    }

    /** One round: renews this instance's row, then releases a segment of each processor holding more than its share. */
    void balance() {
        long goneAfterMillis = interval.toMillis() * INTERVALS_UNTIL_GONE;
        jdbc.update("insert into processor_instances (instance_id, seen_at) values (?, now()) "
                + "on conflict (instance_id) do update set seen_at = now()", instanceId);
        jdbc.update("delete from processor_instances where seen_at < now() - ? * interval '1 millisecond'",
                goneAfterMillis * 10);
        Integer live = jdbc.queryForObject("select count(*) from processor_instances "
                + "where seen_at >= now() - ? * interval '1 millisecond'", Integer.class, goneAfterMillis);
        if (live == null || live <= 1) {
            return;
        }
        for (StreamingEventProcessor processor : streamingProcessors()) {
            int segments = transactions.fetchInTransaction(() -> tokens.fetchSegments(processor.getName()).length);
            int share = Math.max(1, (segments + live - 1) / live);
            List<Integer> held = processor.processingStatus().keySet().stream()
                    .sorted(Comparator.reverseOrder())
                    .toList();
            if (held.size() > share) {
                int released = held.get(0);
                log.info("{}: {} of {} segments held here, {} instances running: releasing segment {}",
                        processor.getName(), held.size(), segments, live, released);
                processor.releaseSegment(released, goneAfterMillis, TimeUnit.MILLISECONDS);
            }
        }
    }

    private List<StreamingEventProcessor> streamingProcessors() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .toList();
    }

    private void balanceQuietly() {
        try {
            balance();
        } catch (RuntimeException e) {
            // the database is away or busy: the next round tries again, and the claims stay as they are meanwhile
            log.warn("Could not share the processors' segments this round: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "segment-balancer");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::balanceQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        scheduler = null;
        try {
            // the others' shares grow at once, not only when this row has aged
            jdbc.update("delete from processor_instances where instance_id = ?", instanceId);
        } catch (RuntimeException e) {
            log.debug("Could not remove this instance's row; it ages out", e);
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** The id this instance renews in {@code processor_instances}. */
    String instanceId() {
        return instanceId;
    }
}
