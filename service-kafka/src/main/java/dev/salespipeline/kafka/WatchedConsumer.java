package dev.salespipeline.kafka;

import java.util.Collection;
import java.util.function.Supplier;

import org.apache.kafka.common.TopicPartition;

/**
 * A consumer whose progress is watched: its consumer group, whose committed offsets tell how far it got (and which
 * names it in metrics and health), and the partitions this instance reads now (other instances of the group report
 * theirs).
 */
public record WatchedConsumer(String groupId, Supplier<Collection<TopicPartition>> assignedPartitions) {
}
