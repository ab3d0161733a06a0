package dev.salespipeline.api;

import java.time.Instant;

/**
 * Any event published on {@link Topics#PIPELINE_EVENTS}.
 */
public interface DomainEvent {

    /** The deal, pipeline or target this event belongs to; also the Kafka record key. */
    String aggregateId();

    /** Business time: when it happened, which may be earlier than when it was recorded. */
    Instant occurredAt();
}
