package dev.salespipeline.command.pipeline.catalog;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.salespipeline.api.pipeline.PipelineDefinition;

/**
 * The committed definitions of the pipelines last read, for an instance that alone takes commands: every change of
 * a pipeline then goes through this instance's catalog, which forgets the pipeline when it writes it and again once
 * that transaction has ended. A deal's command then reads its pipeline from memory instead of one statement and a
 * JSON parse per command.
 *
 * <p>Three rules keep it from ever answering with a definition older than the last committed change:
 * <ul>
 *   <li>A read that raced with a change is not kept: each forgetting counts a generation, and a definition read
 *       from the table is kept only if no generation passed while it was read.</li>
 *   <li>A transaction that wrote a pipeline reads it from the table (it sees its own change) and never keeps it: the
 *       change is not committed yet, and may roll back.</li>
 *   <li>At most {@code capacity} pipelines are kept; past that, pipelines are read from the table.</li>
 * </ul>
 */
final class CachedDefinitions {

    private static final String WRITTEN = CachedDefinitions.class.getName() + ".written";

    private final int capacity;
    private final Map<String, PipelineDefinition> definitions = new HashMap<>();
    private long generation;

    CachedDefinitions(int capacity) {
        this.capacity = capacity;
    }

    /** The pipeline's committed definition, from memory or else from {@code table} (and then kept if it may be). */
    Optional<PipelineDefinition> find(String pipelineId, Function<String, Optional<PipelineDefinition>> table) {
        if (writtenInThisTransaction(pipelineId)) {
            return table.apply(pipelineId);
        }
        long seen;
        synchronized (this) {
            PipelineDefinition kept = definitions.get(pipelineId);
            if (kept != null) {
                return Optional.of(kept);
            }
            seen = generation;
        }
        Optional<PipelineDefinition> read = table.apply(pipelineId);
        read.ifPresent(definition -> {
            synchronized (this) {
                if (generation == seen && definitions.size() < capacity) {
                    definitions.put(pipelineId, definition);
                }
            }
        });
        return read;
    }

    /**
     * Called as the current transaction writes the pipeline: it is forgotten now, read from the table by this
     * transaction from now on, and forgotten again when the transaction commits or rolls back.
     */
    void changing(String pipelineId) {
        forget(pipelineId);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        Set<String> written = writtenInThisTransaction();
        if (written == null) {
            Set<String> created = new HashSet<>();
            TransactionSynchronizationManager.bindResource(WRITTEN, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(WRITTEN);
                    created.forEach(CachedDefinitions.this::forget);
                }
            });
            written = created;
        }
        written.add(pipelineId);
    }

    /** How many definitions are kept now. */
    synchronized int size() {
        return definitions.size();
    }

    private synchronized void forget(String pipelineId) {
        definitions.remove(pipelineId);
        generation++;
    }

    private static boolean writtenInThisTransaction(String pipelineId) {
        Set<String> written = writtenInThisTransaction();
        return written != null && written.contains(pipelineId);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> writtenInThisTransaction() {
        return (Set<String>) TransactionSynchronizationManager.getResource(WRITTEN);
    }
}
