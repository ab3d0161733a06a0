package dev.salespipeline.analytics.deal;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.TableJoined;
import org.apache.kafka.streams.state.KeyValueStore;

import dev.salespipeline.analytics.pipeline.PipelineDefinitionState;
import dev.salespipeline.analytics.pipeline.PipelineDefinitionTable;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.envelope.EventEnvelope;

/**
 * The tables the metric families share, built once on the one event source: deal state by deal id and
 * pipeline definitions by pipeline id. A family takes what it needs from here instead of folding the
 * events again.
 *
 * <p>{@link #dealsInPipelines()} joins each deal with its current pipeline's definition; it is built the
 * first time a family asks for it, so an application that needs no such join pays for none.
 */
public final class DealTables {

    public static final String DEALS_IN_PIPELINES_JOIN = "deal-state-with-pipeline";
    public static final String DEALS_IN_PIPELINES_STORE = "deal-in-pipeline";

    private final KTable<String, DealState> dealState;
    private final KTable<String, PipelineDefinitionState> pipelineDefinitions;
    private KTable<String, DealInPipeline> dealsInPipelines;

    private DealTables(KTable<String, DealState> dealState,
                       KTable<String, PipelineDefinitionState> pipelineDefinitions) {
        this.dealState = dealState;
        this.pipelineDefinitions = pipelineDefinitions;
    }

    public static DealTables from(KStream<String, EventEnvelope<DomainEvent>> events) {
        return new DealTables(DealStateTable.build(events), PipelineDefinitionTable.build(events));
    }

    /** Every deal's state, keyed by deal id (store {@value DealStateTable#STORE}). */
    public KTable<String, DealState> dealState() {
        return dealState;
    }

    /** Every pipeline's current definition, keyed by pipeline id (store {@value PipelineDefinitionTable#STORE}). */
    public KTable<String, PipelineDefinitionState> pipelineDefinitions() {
        return pipelineDefinitions;
    }

    /**
     * Each deal with the current definition of the pipeline it is in, keyed by deal id: a foreign-key join
     * that yields a new row when the deal changes and, for every deal of the pipeline, when the definition
     * changes (a stage renamed, reordered, its limits or probability changed). A deal whose pipeline is not
     * yet defined has no row until the definition arrives.
     */
    public synchronized KTable<String, DealInPipeline> dealsInPipelines() {
        if (dealsInPipelines == null) {
            dealsInPipelines = dealState.join(pipelineDefinitions, DealState::pipelineId,
                    (deal, pipeline) -> new DealInPipeline(deal, pipeline.definition()),
                    TableJoined.as(DEALS_IN_PIPELINES_JOIN),
                    Materialized.<String, DealInPipeline, KeyValueStore<Bytes, byte[]>>as(DEALS_IN_PIPELINES_STORE)
                            .withKeySerde(Serdes.String())
                            .withValueSerde(JsonSerde.of(DealInPipeline.class)));
        }
        return dealsInPipelines;
    }
}
