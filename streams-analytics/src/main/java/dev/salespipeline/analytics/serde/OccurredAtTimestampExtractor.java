package dev.salespipeline.analytics.serde;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

import dev.salespipeline.api.envelope.EventEnvelope;

/**
 * Business time decides periods: an event's timestamp is its {@code occurredAt}, so a call logged a
 * day late lands in the shift it happened in.
 */
public class OccurredAtTimestampExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof EventEnvelope<?> envelope) {
            return envelope.occurredAt().toEpochMilli();
        }
        return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
    }
}
