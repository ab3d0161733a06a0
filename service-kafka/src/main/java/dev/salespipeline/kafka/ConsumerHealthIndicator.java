package dev.salespipeline.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * DOWN when a partition of this instance is {@linkplain ConsumerWatch stuck}: it has records to read and its
 * consumer has not advanced for longer than {@code pipeline.consumers.stuck-after}, or positions could not be read
 * for that long. Details (for those allowed to see them): per consumer, partitions, total lag, and each stuck
 * partition with the offset of the record it cannot get past and, when known, why.
 */
public class ConsumerHealthIndicator implements HealthIndicator {

    private final ConsumerWatch watch;

    public ConsumerHealthIndicator(ConsumerWatch watch) {
        this.watch = watch;
    }

    @Override
    public Health health() {
        List<PartitionProgress> progress = watch.progress();
        Map<String, Map<String, Object>> consumers = new TreeMap<>();
        boolean stuck = false;
        for (PartitionProgress partition : progress) {
            Map<String, Object> consumer = consumers.computeIfAbsent(partition.consumer(), name -> {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("partitions", 0);
                details.put("lag", 0L);
                details.put("stuck", new ArrayList<Map<String, Object>>());
                return details;
            });
            consumer.merge("partitions", 1, (a, b) -> (Integer) a + (Integer) b);
            consumer.merge("lag", partition.lag(), (a, b) -> (Long) a + (Long) b);
            if (partition.stuck()) {
                stuck = true;
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> stuckPartitions = (List<Map<String, Object>>) consumer.get("stuck");
                stuckPartitions.add(describe(partition));
            }
        }
        Duration unknownFor = watch.positionsUnknownFor();
        Health.Builder health = stuck ? Health.down() : Health.up();
        health.withDetail("stuckAfter", watch.stuckAfter().toString()).withDetail("consumers", consumers);
        if (watch.lastSampleError() != null) {
            health.withDetail("positionsUnreadableFor", unknownFor.toSeconds() + "s")
                    .withDetail("error", watch.lastSampleError());
        }
        return health.build();
    }

    private static Map<String, Object> describe(PartitionProgress partition) {
        Map<String, Object> stuck = new LinkedHashMap<>();
        stuck.put("topic", partition.topic());
        stuck.put("partition", partition.partition());
        stuck.put("offset", partition.committedOffset());
        stuck.put("lag", partition.lag());
        stuck.put("stalledSeconds", partition.stalledFor().toSeconds());
        PartitionProgress.RecordFailure failure = partition.failure();
        if (failure != null) {
            stuck.put("failingOffset", failure.offset());
            stuck.put("exception", failure.exception());
            stuck.put("reason", failure.message());
            stuck.put("attempts", failure.attempts());
        }
        return stuck;
    }
}
