package dev.salespipeline.analytics.conversion;

import java.util.Map;
import java.util.function.Function;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import dev.salespipeline.analytics.deal.DealTables;
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
 * deal-state --&gt; conversion-contributions (deltas per metric key, store conversion-contributions)
 *   cohort deltas --repartition--&gt; conversion-cohorts (journeys per key)
 *                 --with the pipeline's definition kept on the partition--&gt; conversion-metrics --&gt; topic
 *   closed deltas --repartition--&gt; win-rate-metrics --&gt; topic
 * pipeline-definitions --broadcast to every partition (conversion-pipeline-broadcast)--&gt; conversion-pipelines,
 *                        every cohort row of the pipeline again --&gt; topic
 * </pre>
 *
 * <p>The pipeline definition is joined after aggregation, not per deal: a deal's contribution does not
 * depend on stage order, so a reordered or renamed stage re-emits one row per cohort key of the pipeline
 * rather than re-processing every deal, and a deal's journey in a pipeline it has left needs no definition
 * of that pipeline. The definitions come to the cohorts by broadcast rather than by a foreign-key join
 * ({@link ConversionMetrics}): a cohort change then costs no record on another topic.
 */
public final class ConversionTopology {

    public static final String CONTRIBUTIONS_STORE = "conversion-contributions";
    public static final String COHORT_STORE = "conversion-cohorts";
    public static final String CONVERSION_STORE = "conversion-metrics";
    public static final String WIN_RATE_STORE = "win-rate-metrics";
    /** Every pipeline's definition, as kept on each partition of the cohort aggregate. */
    public static final String PIPELINES_STORE = "conversion-pipelines";
    /** The internal topic that brings every pipeline definition to every partition of the cohort aggregate. */
    public static final String PIPELINE_BROADCAST = "conversion-pipeline-broadcast";

    private static final JsonSerde<ContributionDelta> DELTA = JsonSerde.of(ContributionDelta.class);
    private static final JsonSerde<CohortCounts> COHORT = JsonSerde.of(CohortCounts.class);
    static final JsonSerde<StageConversion> CONVERSION = JsonSerde.of(StageConversion.class);
    private static final JsonSerde<WinRate> WIN_RATE = JsonSerde.of(WinRate.class);

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
        Map<String, KStream<String, ContributionDelta>> deltas = tables.dealState()
                .toStream(Named.as("conversion-deal-changes"))
                .process(new ContributionDeltas(processorStores.apply(CONTRIBUTIONS_STORE), periods), Named.as("conversion-contributions"))
                .split(Named.as("conversion-deltas-"))
                .branch((key, delta) -> delta.kind() == ConversionContribution.Kind.COHORT, Branched.as("cohort"))
                .defaultBranch(Branched.as("closed"));

        KTable<String, CohortCounts> cohorts = deltas.get("conversion-deltas-cohort")
                .groupByKey(Grouped.with("conversion-cohort-deltas", Serdes.String(), DELTA))
                .aggregate(() -> null, (key, delta, counts) -> CohortCounts.apply(counts, delta),
                        Named.as("conversion-cohorts-aggregate"),
                        Materialized.<String, CohortCounts, KeyValueStore<Bytes, byte[]>>as(COHORT_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(COHORT));

        KStream<String, StageConversion> redefined = tables.pipelineDefinitions()
                .toStream(Named.as("conversion-pipeline-changes"))
                .filter((pipelineId, state) -> state != null, Named.as("conversion-defined-pipelines"))
                .repartition(Repartitioned.<String, PipelineDefinitionState>as(PIPELINE_BROADCAST)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(PipelineDefinitionTable.SERDE)
                        .withStreamPartitioner(ConversionMetrics.BROADCAST))
                .process(ConversionMetrics.definitionChanges(processorStores), Named.as("conversion-redefined"),
                        COHORT_STORE);

        cohorts.toStream(Named.as("conversion-cohort-changes"))
                .process(ConversionMetrics.cohortChanges(), Named.as("conversion-with-pipeline"),
                        PIPELINES_STORE, CONVERSION_STORE)
                .merge(redefined, Named.as("conversion-changes"))
                .to(Topics.METRICS_CONVERSION,
                        Produced.with(Serdes.String(), CONVERSION).withName("conversion-sink"));

        deltas.get("conversion-deltas-closed")
                .groupByKey(Grouped.with("win-rate-deltas", Serdes.String(), DELTA))
                .aggregate(() -> null, (key, delta, winRate) -> WinRates.apply(winRate, delta),
                        Named.as("win-rate-aggregate"),
                        Materialized.<String, WinRate, KeyValueStore<Bytes, byte[]>>as(WIN_RATE_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(WIN_RATE))
                .toStream(Named.as("win-rate-changes"))
                .to(Topics.METRICS_WIN_RATE, Produced.with(Serdes.String(), WIN_RATE).withName("win-rate-sink"));
    }
}
