package dev.salespipeline.analytics.forecast;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import dev.salespipeline.analytics.deal.DealTables;
import dev.salespipeline.analytics.forecast.ForecastContribution.Kind;
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
 *   --&gt; forecast-contributions (deltas per figure, store forecast-deals)
 *     weighted deltas --repartition (by row)--&gt; weighted-pipeline-metrics --&gt; topic
 *     plan deltas     --repartition (by pipeline)--&gt; payment-plan (stores payment-plan-deals, payment-plan-rows,
 *                                                    wall-clock punctuation at midnight) --&gt; topic
 *     coverage deltas --+
 *                       +--repartition (by pipeline and subject)--&gt; coverage (store coverage-subjects) --&gt; topic
 * target events --&gt; coverage-targets (by target id) --+
 * </pre>
 *
 * <p>Probabilities come from the pipeline's current definition through the shared foreign-key join, which yields
 * every deal of a pipeline again when the definition changes: a changed stage probability re-weights the deals in
 * the stage at once, without an event of theirs.
 */
public final class ForecastTopology {

    /** What each deal was last counted as, by deal id. */
    public static final String DEALS_STORE = "forecast-deals";
    public static final String WEIGHTED_STORE = "weighted-pipeline-metrics";
    public static final String PLAN_DEALS_STORE = "payment-plan-deals";
    public static final String PLAN_ROWS_STORE = "payment-plan-rows";
    public static final String TARGETS_STORE = "coverage-targets";
    public static final String COVERAGE_STORE = "coverage-subjects";

    /** How often, in wall-clock time, the payment plan checks whether the company's date has rolled over. */
    public static final Duration DEFAULT_SCAN_INTERVAL = Duration.ofMinutes(1);

    private static final Set<String> TARGET_TYPES = Set.of(EventTypes.nameOf(SalesTargetSet.class),
            EventTypes.nameOf(SalesTargetChanged.class), EventTypes.nameOf(SalesTargetWithdrawn.class));
    private static final JsonSerde<ForecastDelta> DELTA = JsonSerde.of(ForecastDelta.class);
    private static final JsonSerde<CoverageInput> COVERAGE_INPUT = JsonSerde.of(CoverageInput.class);

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

    /** With the given kind of store for the stores of the family's own processors (in memory for tests). */
    ForecastTopology(CompanyPeriods periods, Duration scanInterval,
                     Function<String, KeyValueBytesStoreSupplier> processorStores) {
        this.periods = periods;
        this.scanInterval = scanInterval;
        this.processorStores = processorStores;
    }

    public void buildTopology(KStream<String, EventEnvelope<DomainEvent>> events, DealTables tables) {
        Map<String, KStream<String, ForecastDelta>> deltas = tables.dealsInPipelines()
                .toStream(Named.as("forecast-deal-changes"))
                .process(new ForecastDeltas(processorStores.apply(DEALS_STORE), periods),
                        Named.as("forecast-contributions"))
                .split(Named.as("forecast-deltas-"))
                .branch((key, delta) -> delta.kind() == Kind.WEIGHTED, Branched.as("weighted"))
                .branch((key, delta) -> delta.kind() == Kind.PLAN, Branched.as("plan"))
                .defaultBranch(Branched.as("coverage"));

        deltas.get("forecast-deltas-weighted")
                .groupByKey(Grouped.with("weighted-pipeline-deltas", Serdes.String(), DELTA))
                .aggregate(() -> null, (key, delta, totals) -> WeightedTotals.apply(totals, delta),
                        Named.as("weighted-pipeline-aggregate"),
                        Materialized.<String, WeightedTotals, KeyValueStore<Bytes, byte[]>>as(WEIGHTED_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(JsonSerde.of(WeightedTotals.class)))
                .toStream(Named.as("weighted-pipeline-changes"))
                .mapValues(WeightedTotals::metric, Named.as("weighted-pipeline-figures"))
                .to(Topics.METRICS_WEIGHTED_PIPELINE, Produced.with(Serdes.String(),
                        JsonSerde.of(WeightedPipeline.class)).withName("weighted-pipeline-sink"));

        deltas.get("forecast-deltas-plan")
                .repartition(Repartitioned.<String, ForecastDelta>as("payment-plan-deltas")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(DELTA))
                .process(new PaymentPlans(processorStores.apply(PLAN_DEALS_STORE),
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
                                .withValueSerde(JsonSerde.of(SalesTarget.class)))
                .toStream(Named.as("coverage-target-changes"))
                .filter((targetId, target) -> target != null, Named.as("coverage-targets-set"))
                .map((targetId, target) -> KeyValue.pair(
                        ForecastContribution.subjectKey(target.pipelineId(), target.subject()),
                        CoverageInput.of(target)),
                        Named.as("coverage-targets-by-subject"));

        deltas.get("forecast-deltas-coverage")
                .mapValues(CoverageInput::of, Named.as("coverage-deal-inputs"))
                .merge(targets, Named.as("coverage-inputs-merged"))
                .repartition(Repartitioned.<String, CoverageInput>as("coverage-inputs")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(COVERAGE_INPUT))
                .process(new Coverages(processorStores.apply(COVERAGE_STORE)), Named.as("coverage"))
                .to(Topics.METRICS_COVERAGE, Produced.with(Serdes.String(), JsonSerde.of(PipelineCoverage.class))
                        .withName("coverage-sink"));
    }
}
