package dev.salespipeline.analytics.conversion;

import java.util.function.Function;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

import tools.jackson.core.type.TypeReference;

import dev.salespipeline.analytics.deal.CountedDeal;
import dev.salespipeline.analytics.deal.DealRecounts;
import dev.salespipeline.analytics.deal.DealTables;
import dev.salespipeline.analytics.deal.Recount;
import dev.salespipeline.analytics.deal.RowsOnCommit;
import dev.salespipeline.analytics.pipeline.PipelineDefinitionState;
import dev.salespipeline.analytics.pipeline.PipelineDefinitionTable;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.metrics.StageConversion;
import dev.salespipeline.api.metrics.WinRate;

/**
 * The conversion family: per pipeline, cut by owner, source channel and period, the stage conversion of
 * each cohort of deals ({@link Topics#METRICS_CONVERSION}) and the win rate of the deals closed in each
 * period ({@link Topics#METRICS_WIN_RATE}). Definitions: {@code docs/metrics.md}.
 *
 * <pre>
 * deal-state --&gt; conversion-recounts (the deal's part per pipeline, store conversion-deals)
 *   one recount per pipeline whose part changed --repartition by pipeline (conversion-deal-recounts)--&gt;
 *   conversion-cells: the deal's finest cells (stores conversion-cohort-cells, win-rate-cells) and every row the
 *     recount touches (stores conversion-cohorts, win-rate-metrics, in memory, worked out from the cells when the
 *     task is assigned), marked dirty
 *   --signal per pipeline, once per commit--&gt; conversion-rows: the dirty rows, cohorts with the pipeline's
 *                     definition (conversion-pipelines) --&gt; topics
 * pipeline-definitions --repartition by pipeline (conversion-pipelines-by-pipeline)--&gt; conversion-pipelines,
 *                        every cohort row of the pipeline again --&gt; topic
 * </pre>
 *
 * <p>A deal change costs one record on the repartition topic (two for a transfer), however many rows it touches: the
 * part sent is the deal's figures before they are spread over owner, channel and period, and all rows of a
 * pipeline are on one partition. The pipeline definition is applied after aggregation, not per deal: a deal's
 * part does not depend on stage order, so a reordered or renamed stage re-emits one row per cohort key of the
 * pipeline rather than re-processing every deal.
 */
public final class ConversionTopology {

    /** What each deal was last counted as, by deal id. */
    public static final String DEALS_STORE = "conversion-deals";
    /**
     * Deals counted by journey per cohort key, on the partition of their pipeline: in memory, without a changelog,
     * worked out from the cohort cells when the task is assigned.
     */
    public static final String COHORT_STORE = "conversion-cohorts";
    /** The finest cells of the cohorts: pipeline, owner, channel and the day the cohort started. */
    public static final String COHORT_CELLS_STORE = "conversion-cohort-cells";
    /**
     * Won and lost per close key, as counted: the rows of the win-rate topic, in memory, without a changelog,
     * worked out from the win-rate cells when the task is assigned.
     */
    public static final String WIN_RATE_STORE = "win-rate-metrics";
    /** The finest cells of the win rates: pipeline, owner, channel and the day of the close. */
    public static final String WIN_RATE_CELLS_STORE = "win-rate-cells";
    /** The rows of the conversion topic as last sent by this instance (no changelog: worked out from the cohorts). */
    public static final String CONVERSION_STORE = "conversion-metrics";
    /** Every pipeline's definition, as kept on the partition of its rows. */
    public static final String PIPELINES_STORE = "conversion-pipelines";
    /** The internal topic of the deals' recounts, by pipeline id. */
    public static final String RECOUNTS = "conversion-deal-recounts";
    /** The internal topic that brings each pipeline's definition to the partition of its rows. */
    public static final String PIPELINE_REPARTITION = "conversion-pipelines-by-pipeline";

    private static final JsonSerde<CountedDeal<ConversionPart>> COUNTED =
            JsonSerde.of(new TypeReference<CountedDeal<ConversionPart>>() { });
    private static final JsonSerde<Recount<ConversionPart>> RECOUNT =
            JsonSerde.of(new TypeReference<Recount<ConversionPart>>() { });
    static final JsonSerde<StageConversion> CONVERSION = JsonSerde.of(StageConversion.class);
    private static final JsonSerde<WinRate> WIN_RATE = JsonSerde.of(WinRate.class);

    /** The prefix of the family's processors and stores of {@link RowsOnCommit}. */
    static final String NAME = "conversion";

    private final CompanyPeriods periods;
    private final Function<String, KeyValueBytesStoreSupplier> processorStores;

    public ConversionTopology(CompanyPeriods periods) {
        this(periods, Stores::persistentKeyValueStore);
    }

    /**
     * With the given kind of store for the stores of the family's own processors: in memory for tests that
     * feed thousands of events through a {@code TopologyTestDriver}, which checkpoints persistent stores at
     * every record.
     */
    public ConversionTopology(CompanyPeriods periods, Function<String, KeyValueBytesStoreSupplier> processorStores) {
        this.periods = periods;
        this.processorStores = processorStores;
    }

    public void buildTopology(DealTables tables) {
        KStream<String, Recount<ConversionPart>> recounts = tables.dealState()
                .toStream(Named.as("conversion-deal-changes"))
                .process(DealRecounts.ofStates(processorStores.apply(DEALS_STORE), COUNTED,
                        ConversionContributions::parts), Named.as("conversion-recounts"))
                .repartition(Repartitioned.<String, Recount<ConversionPart>>as(RECOUNTS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(RECOUNT));
        KStream<String, Object> counted = RowsOnCommit.build(recounts, NAME,
                new ConversionCells(processorStores, periods), ConversionCells.rows(processorStores),
                COHORT_STORE, WIN_RATE_STORE, PIPELINES_STORE, RowsOnCommit.dirtyStoreName(NAME));

        KStream<String, Object> redefined = tables.pipelineDefinitions()
                .toStream(Named.as("conversion-pipeline-changes"))
                .filter((pipelineId, state) -> state != null, Named.as("conversion-defined-pipelines"))
                .repartition(Repartitioned.<String, PipelineDefinitionState>as(PIPELINE_REPARTITION)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(PipelineDefinitionTable.SERDE))
                .process(ConversionMetrics.definitionChanges(), Named.as("conversion-redefined"),
                        PIPELINES_STORE, COHORT_STORE, CONVERSION_STORE);

        KStream<String, Object> rows = counted.merge(redefined, Named.as("conversion-changes"));
        RowsOnCommit.toTopic(rows, StageConversion.class, "conversion", Topics.METRICS_CONVERSION, CONVERSION);
        RowsOnCommit.toTopic(rows, WinRate.class, "win-rate", Topics.METRICS_WIN_RATE, WIN_RATE);
    }
}
