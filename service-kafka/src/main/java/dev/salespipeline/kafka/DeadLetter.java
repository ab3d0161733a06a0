package dev.salespipeline.kafka;

import java.time.Instant;
import java.util.Map;

/**
 * A record on a dead-letter topic as operators see it: where it is, its key and value (as UTF-8 text, cut at
 * {@link DeadLetters#MAX_VALUE_CHARS} characters), its headers (the reason, the exception class and the original
 * topic, partition and offset among them) and where it came from.
 */
public record DeadLetter(int partition, long offset, Instant timestamp, String key, String value, boolean valueCut,
                         Map<String, String> headers, String originalTopic, Integer originalPartition,
                         Long originalOffset) {
}
