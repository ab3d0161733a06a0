package dev.salespipeline.query.events;

import java.util.List;

import dev.salespipeline.api.envelope.EventEnvelope;

/**
 * A read model kept up to date from the event topic, a batch of events at a time. For each batch, every projection
 * first {@linkplain #load loads} the documents the batch's events build on (one query per collection, never one per
 * event), then {@linkplain #apply applies} the events one by one, in offset order, to those documents in memory; the
 * {@link ProjectionBatch} then writes each changed document once, with one unordered bulk write per collection.
 *
 * <p>Implementations must be idempotent: the topic delivers at least once, and a batch whose writes were made but
 * whose offsets were not committed is delivered again. A document therefore remembers the sequence of the last event
 * it took ({@link ProjectionBatch#documents guarded} documents), or depends only on its events and so is written the
 * same every time.
 */
public interface Projection {

    /**
     * Reads, once for the whole batch, the documents its events will change or read.
     *
     * @param events the batch's events in offset order, payloads already typed
     */
    default void load(List<EventEnvelope<?>> events, ProjectionBatch batch) {
    }

    /**
     * Applies one event to the batch's documents, in memory.
     *
     * @param envelope an event whose payload is already the typed event record
     */
    void apply(EventEnvelope<?> envelope, ProjectionBatch batch);

    /** Called once after the batch's last event, before the writes, for what is written once per batch. */
    default void finish(ProjectionBatch batch) {
    }

    /**
     * Called once after the batch's writes, before its offsets are committed, for what is worked out from the stored
     * documents. It must give the same result when the batch comes again after its writes.
     */
    default void written(ProjectionBatch batch) {
    }

    /**
     * Called when the batch, a single event, failed and its event is about to be dead-lettered, for what a projection
     * wrote before the batch's writes failed: it must leave its documents as they would be without that event.
     */
    default void abandoned(ProjectionBatch batch) {
    }

    /**
     * Called once when a rebuild has folded the whole topic, before it swaps the new collections in, for what is
     * worked out once from all of them rather than per batch; what it puts into the batch is written then.
     */
    default void rebuilt(ProjectionBatch batch) {
    }
}
