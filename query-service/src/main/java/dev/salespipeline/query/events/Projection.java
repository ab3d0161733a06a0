package dev.salespipeline.query.events;

import dev.salespipeline.api.envelope.EventEnvelope;

/**
 * A read model kept up to date from the event topic. Implementations must be idempotent: the topic
 * delivers at least once.
 */
public interface Projection {

    /**
     * @param envelope an event whose payload is already the typed event record
     */
    void apply(EventEnvelope<?> envelope);
}
