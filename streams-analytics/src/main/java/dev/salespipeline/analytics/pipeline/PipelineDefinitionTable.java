package dev.salespipeline.analytics.pipeline;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;

import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.serde.PipelineEvents;
import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.PipelineDefinitions;
import dev.salespipeline.api.pipeline.PipelineEvent;

/**
 * Every pipeline's current definition, keyed by pipeline id, folded from the pipeline events with
 * {@link PipelineDefinitions#evolve}: the same fold the command and query sides use.
 *
 * <p>Pipeline events are keyed by pipeline id on the source topic, so the fold needs no repartition.
 */
public final class PipelineDefinitionTable {

    public static final String STORE = "pipeline-definitions";
    public static final JsonSerde<PipelineDefinitionState> SERDE = JsonSerde.of(PipelineDefinitionState.class);

    private PipelineDefinitionTable() {
    }

    public static KTable<String, PipelineDefinitionState> build(KStream<String, EventEnvelope<DomainEvent>> events) {
        return events
                .filter((pipelineId, envelope) -> PipelineEvents.holds(envelope, PipelineEvent.class),
                        Named.as("pipeline-definitions-select"))
                .groupByKey(Grouped.with("pipeline-definitions-by-pipeline", Serdes.String(),
                        PipelineEvents.ENVELOPE_SERDE))
                .aggregate(() -> null, (pipelineId, envelope, current) -> fold(current, envelope),
                        Named.as("pipeline-definitions-fold"),
                        Materialized.<String, PipelineDefinitionState, KeyValueStore<Bytes, byte[]>>as(STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(SERDE));
    }

    /** The state after the event; the same state for a redelivered event or one that precedes the definition. */
    static PipelineDefinitionState fold(PipelineDefinitionState current, EventEnvelope<DomainEvent> envelope) {
        if (current != null && envelope.aggregateSequence() <= current.appliedSequence()) {
            return current;
        }
        DomainEvent event = PipelineEvents.event(envelope).orElse(null);
        if (!(event instanceof PipelineEvent pipelineEvent)) {
            return current;
        }
        if (current == null && !(pipelineEvent instanceof PipelineDefined)) {
            return null;
        }
        return new PipelineDefinitionState(
                PipelineDefinitions.evolve(current == null ? null : current.definition(), pipelineEvent),
                envelope.aggregateSequence());
    }
}
