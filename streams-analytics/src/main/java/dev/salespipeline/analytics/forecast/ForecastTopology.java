package dev.salespipeline.analytics.forecast;

import java.time.Duration;
import java.util.Set;
import java.util.function.Function;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import tools.jackson.core.type.TypeReference;

import dev.salespipeline.analytics.deal.CountedDeal;
import dev.salespipeline.analytics.deal.DealInPipeline;
import dev.salespipeline.analytics.deal.DealRecounts;
import dev.salespipeline.analytics.deal.DealTables;
import dev.salespipeline.analytics.deal.Recount;
import dev.salespipeline.analytics.deal.RowsOnCommit;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.serde.PipelineEvents;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.envelope.EventTypes;
import dev.salespipeline.api.metrics.PaymentPlan;
import dev.salespipeline.api.metrics.PipelineCoverage;
import dev.salespipeline.api.metrics.WeightedPipeline;
import dev.salespipeline.api.target.SalesTargetChanged;
import dev.salespipeline.api.target.SalesTargetSet;
import dev.salespipeline.api.target.SalesTargetWithdrawn;

/**
 * The forecast family: per pipeline, the weighted pipeline by expected close period, owner, channel and currency
 * ({@link Topics#METRICS_WEIGHTED_PIPELINE}); the payment plan of tomorrow and this week per owner
 * ({@link Topics#METRICS_PAYMENT_PLAN}); and the coverage of each sales target ({@link Topics#METRICS_COVERAGE}).
 * Definitions: {@code docs/metrics.md}.
 *
 * <pre>
 * deals-in-pipelines (deal state joined with its pipeline's definition)
 *   --&gt; forecast-recounts (the deal's part per pipeline, store forecast-counted-deals)
 *   one recount per pipeline whose part changed --repartition by pipeline (forecast-deal-recounts)--&gt;
 *     weighted-pipeline-cells: the deal's finest cells (store weighted-pipeline-cells) and every row the recount
 *       touches (store weighted-pipeline-metrics, in memory, worked out from the cells at start), marked dirty
 *       --signal per pipeline, once per commit--&gt; weighted-pipeline-rows: the dirty rows --&gt; topic
 *     payment-plan: the deal's entry (stores payment-plan-deals, payment-plan-rows, wall-clock punctuation at
 *       midnight) --&gt; topic
 *     coverage: the subjects of the deal (store coverage-subjects) --&gt; topic
 * target events --&gt; coverage-targets (by target id) --repartition by pipeline (coverage-targets-by-pipeline)--&gt;
 *     coverage
 * </pre>
 *
 * <p>A deal change costs one record on the repartition topic (two for a transfer), however many rows it touches: the
 * part sent is the deal's figures before they are spread over owner, channel, period and subject, and all rows of a
 * pipeline are on one partition. Probabilities come from the pipeline's current definition through the shared
 * foreign-key join, which yields every deal of a pipeline again when the definition changes: a changed stage
 * probability re-weights the deals in the stage at once, without an event of theirs; the others' parts are as
 * they were, and send nothing.
 */
public final class ForecastTopology {

    /** What each deal was last counted as, by deal id. */
    public static final String DEALS_STORE = "forecast-counted-deals";
    /**
     * The weighted-pipeline rows, by row key, on the partition of their pipeline: in memory, without a changelog,
     * worked out from the cells when a task starts.
     */
    public static final String WEIGHTED_STORE = "weighted-pipeline-metrics";
    /** The finest cells of the weighted pipeline: pipeline, expected close date, owner, channel and currency. */
    public static final String WEIGHTED_CELLS_STORE = "weighted-pipeline-cells";
    public static final String PLAN_DEALS_STORE = "payment-plan-deals";
    public static final String PLAN_ROWS_STORE = "payment-plan-rows";
    public static final String TARGETS_STORE = "coverage-targets";
    public static final String COVERAGE_STORE = "coverage-subjects";
    /** The internal topic of the deals' recounts, by pipeline id. */
    public static final String RECOUNTS = "forecast-deal-recounts";
    /** The internal topic that brings each target to the partition of its pipeline. */
    public static final String TARGETS_REPARTITION = "coverage-targets-by-pipeline";

    /** The prefix of the weighted pipeline's processors and stores of {@link RowsOnCommit}. */
    static final String WEIGHTED_NAME = "weighted-pipeline";

    /** How often, in wall-clock time, the payment plan checks whether the company's date has rolled over. */
    public static final Duration DEFAULT_SCAN_INTERVAL = Duration.ofMinutes(1);

    private static final Set<String> TARGET_TYPES = Set.of(EventTypes.nameOf(SalesTargetSet.class),
            EventTypes.nameOf(SalesTargetChanged.class), EventTypes.nameOf(SalesTargetWithdrawn.class));
    private static final JsonSerde<CountedDeal<ForecastDeal>> COUNTED =
            JsonSerde.of(new TypeReference<CountedDeal<ForecastDeal>>() { });
    private static final JsonSerde<Recount<ForecastDeal>> RECOUNT =
            JsonSerde.of(new TypeReference<Recount<ForecastDeal>>() { });
    private static final JsonSerde<SalesTarget> TARGET = JsonSerde.of(SalesTarget.class);

    private final CompanyPeriods periods;
    private final Duration scanInterval;
    private final Function<String, KeyValueBytesStoreSupplier> processorStores;

    public ForecastTopology(CompanyPeriods periods) {
        this(periods, DEFAULT_SCAN_INTERVAL);
    }

    /** @param scanInterval how often, in wall-clock time, the payment plan checks for a new day */
    public ForecastTopology(CompanyPeriods periods, Duration scanInterval) {
        this(periods, scanInterval, Stores::persistentKeyValueStore);
    }

    /**
     * With the given kind of store for the stores of the family's own processors: in memory for tests that feed
     * thousands of events through a {@code TopologyTestDriver}, which checkpoints persistent stores at every record.
     */
    public ForecastTopology(CompanyPeriods periods, Duration scanInterval,
                     Function<String, KeyValueBytesStoreSupplier> processorStores) {
        this.periods = periods;
        this.scanInterval = scanInterval;
        this.processorStores = processorStores;
    }

    public void buildTopology(KStream<String, EventEnvelope<DomainEvent>> events, DealTables tables) {
        KStream<String, Recount<ForecastDeal>> recounts = tables.dealsInPipelines()
                .toStream(Named.as("forecast-deal-changes"))
                .process(new DealRecounts<>(processorStores.apply(DEALS_STORE), COUNTED,
                        (DealInPipeline deal) -> deal.deal().appliedSequence(),
                        deal -> ForecastDeal.parts(deal, periods)),
                        Named.as("forecast-recounts"))
                .repartition(Repartitioned.<String, Recount<ForecastDeal>>as(RECOUNTS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(RECOUNT));

        KStream<String, Object> weighted = RowsOnCommit.build(recounts, WEIGHTED_NAME,
                new WeightedCells(processorStores, periods), WeightedCells.rows(), WEIGHTED_STORE,
                RowsOnCommit.dirtyStoreName(WEIGHTED_NAME));
        RowsOnCommit.toTopic(weighted, WeightedPipeline.class, WEIGHTED_NAME, Topics.METRICS_WEIGHTED_PIPELINE,
                JsonSerde.of(WeightedPipeline.class));

        recounts.process(new PaymentPlans(processorStores.apply(PLAN_DEALS_STORE),
                        processorStores.apply(PLAN_ROWS_STORE), periods, scanInterval), Named.as("payment-plan"))
                .to(Topics.METRICS_PAYMENT_PLAN, Produced.with(Serdes.String(), JsonSerde.of(PaymentPlan.class))
                        .withName("payment-plan-sink"));

        KStream<String, CoverageInput> targets = events
                .filter((targetId, envelope) -> envelope != null && TARGET_TYPES.contains(envelope.type()),
                        Named.as("coverage-target-events"))
                .groupByKey(Grouped.with("coverage-targets-by-target", Serdes.String(), PipelineEvents.ENVELOPE_SERDE))
                .aggregate(() -> null, (targetId, envelope, target) -> SalesTarget.fold(target, envelope),
                        Named.as("coverage-targets-fold"),
                        Materialized.<String, SalesTarget, KeyValueStore<Bytes, byte[]>>as(TARGETS_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(TARGET))
                .toStream(Named.as("coverage-target-changes"))
                .filter((targetId, target) -> target != null, Named.as("coverage-targets-set"))
                .selectKey((targetId, target) -> target.pipelineId(), Named.as("coverage-targets-by-pipeline"))
                .repartition(Repartitioned.<String, SalesTarget>as(TARGETS_REPARTITION)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(TARGET))
                .mapValues(CoverageInput::of, Named.as("coverage-target-inputs"));

        recounts.mapValues(CoverageInput::of, Named.as("coverage-deal-inputs"))
                .merge(targets, Named.as("coverage-inputs-merged"))
                .process(new Coverages(processorStores.apply(COVERAGE_STORE), periods), Named.as("coverage"))
                .to(Topics.METRICS_COVERAGE, Produced.with(Serdes.String(), JsonSerde.of(PipelineCoverage.class))
                        .withName("coverage-sink"));
    }
}
