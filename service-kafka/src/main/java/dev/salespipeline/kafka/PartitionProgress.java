package dev.salespipeline.kafka;

import java.time.Duration;
import java.time.Instant;

/**
 * How far a consumer got on one partition, at the last sample.
 *
 * @param committedOffset the offset of the next record the consumer will process (its committed position), or the
 *                        partition's first offset when it has committed nothing yet
 * @param endOffset       the partition's end offset
 * @param lastAdvancedAt  when the committed offset last moved, or the consumer was last caught up
 * @param failure         the record this partition is retrying now and why, if any
 */
public record PartitionProgress(String consumer, String topic, int partition, long committedOffset, long endOffset,
                                Instant lastAdvancedAt, Duration stalledFor, boolean stuck, RecordFailure failure) {

    public long lag() {
        return Math.max(0, endOffset - committedOffset);
    }

    /** A record that failed and is being retried: its offset, the exception's class and message, the attempts so far. */
    public record RecordFailure(long offset, String exception, String message, int attempts, Instant since) {
    }
}
