package dev.salespipeline.analytics.velocity;

import java.util.Map;
import java.util.function.Function;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
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
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.analytics.velocity.VelocityContribution.Kind;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.metrics.SalesCycle;
import dev.salespipeline.api.metrics.SalesVelocity;
import dev.salespipeline.api.metrics.StageAge;
import dev.salespipeline.api.metrics.TimeInStage;

/**
 * The velocity family: per pipeline, cut by owner and source channel, time in stage per period the deals left
 * the stage ({@link Topics#METRICS_TIME_IN_STAGE}), the open deals per stage now with when they entered it
 * ({@link Topics#METRICS_STAGE_AGE}), sales cycle length per period of the win ({@link Topics#METRICS_SALES_CYCLE})
 * and sales velocity per period and currency ({@link Topics#METRICS_SALES_VELOCITY}). Definitions:
 * {@code docs/metrics.md}.
 *
 * <pre>
 * deal-state --&gt; velocity-contributions (deltas per figure, store velocity-deal-figures)
 *   time-in-stage deltas  --repartition--&gt; time-in-stage-sketches  --&gt; topic
 *   stage-age deltas      --repartition--&gt; stage-age-open-deals    --&gt; topic
 *   sales-cycle deltas    --repartition--&gt; sales-cycle-sketches    --&gt; topic
 *   sales-velocity deltas --repartition (by cut and currency)--&gt; sales-velocity-open-deals,
 *                                                                 sales-velocity-metrics --&gt; topic
 * </pre>
 *
 * <p>No figure here depends on the pipeline's definition (stages are counted by id), so unlike the conversion
 * family nothing is joined with it, and a renamed or reordered stage re-emits nothing.
 */
public final class VelocityTopology {

    public static final String FIGURES_STORE = "velocity-deal-figures";
    public static final String TIME_IN_STAGE_STORE = "time-in-stage-sketches";
    public static final String STAGE_AGE_STORE = "stage-age-open-deals";
    public static final String SALES_CYCLE_STORE = "sales-cycle-sketches";
    public static final String VELOCITY_OPEN_DEALS_STORE = "sales-velocity-open-deals";
    public static final String VELOCITY_STORE = "sales-velocity-metrics";

    private static final JsonSerde<VelocityDelta> DELTA = JsonSerde.of(VelocityDelta.class);

    private final CompanyPeriods periods;
    private final Function<String, KeyValueBytesStoreSupplier> processorStores;

    public VelocityTopology(CompanyPeriods periods) {
        this(periods, Stores::persistentKeyValueStore);
    }

    /**
     * With the given kind of store for the stores of the family's own processors: in memory for tests that
     * feed thousands of events through a {@code TopologyTestDriver}, which checkpoints persistent stores at
     * every record.
     */
    public VelocityTopology(CompanyPeriods periods, Function<String, KeyValueBytesStoreSupplier> processorStores) {
        this.periods = periods;
        this.processorStores = processorStores;
    }

    public void buildTopology(DealTables tables) {
        Map<String, KStream<String, VelocityDelta>> deltas = tables.dealState()
                .toStream(Named.as("velocity-deal-changes"))
                .process(new VelocityDeltas(processorStores.apply(FIGURES_STORE), periods), Named.as("velocity-contributions"))
                .split(Named.as("velocity-deltas-"))
                .branch((key, delta) -> delta.kind() == Kind.STAGE_TIME, Branched.as("time-in-stage"))
                .branch((key, delta) -> delta.kind() == Kind.STAGE_OPEN, Branched.as("stage-age"))
                .branch((key, delta) -> delta.kind() == Kind.CYCLE, Branched.as("sales-cycle"))
                .defaultBranch(Branched.as("sales-velocity"));

        deltas.get("velocity-deltas-time-in-stage")
                .groupByKey(Grouped.with("time-in-stage-deltas", Serdes.String(), DELTA))
                .aggregate(() -> null, (key, delta, sketches) -> TimeInStageSketches.apply(sketches, delta),
                        Named.as("time-in-stage-aggregate"),
                        Materialized.<String, TimeInStageSketches, KeyValueStore<Bytes, byte[]>>as(TIME_IN_STAGE_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(JsonSerde.of(TimeInStageSketches.class)))
                .toStream(Named.as("time-in-stage-changes"))
                .mapValues(TimeInStageSketches::metric, Named.as("time-in-stage-figures"))
                .to(Topics.METRICS_TIME_IN_STAGE, Produced.with(Serdes.String(), JsonSerde.of(TimeInStage.class))
                        .withName("time-in-stage-sink"));

        deltas.get("velocity-deltas-stage-age")
                .groupByKey(Grouped.with("stage-age-deltas", Serdes.String(), DELTA))
                .aggregate(() -> null, (key, delta, counts) -> OpenStageCounts.apply(counts, delta),
                        Named.as("stage-age-aggregate"),
                        Materialized.<String, OpenStageCounts, KeyValueStore<Bytes, byte[]>>as(STAGE_AGE_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(JsonSerde.of(OpenStageCounts.class)))
                .toStream(Named.as("stage-age-changes"))
                .mapValues(OpenStageCounts::metric, Named.as("stage-age-figures"))
                .to(Topics.METRICS_STAGE_AGE, Produced.with(Serdes.String(), JsonSerde.of(StageAge.class))
                        .withName("stage-age-sink"));

        deltas.get("velocity-deltas-sales-cycle")
                .groupByKey(Grouped.with("sales-cycle-deltas", Serdes.String(), DELTA))
                .aggregate(() -> null, (key, delta, sketch) -> SalesCycleSketch.apply(sketch, delta),
                        Named.as("sales-cycle-aggregate"),
                        Materialized.<String, SalesCycleSketch, KeyValueStore<Bytes, byte[]>>as(SALES_CYCLE_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(JsonSerde.of(SalesCycleSketch.class)))
                .toStream(Named.as("sales-cycle-changes"))
                .mapValues(SalesCycleSketch::metric, Named.as("sales-cycle-figures"))
                .to(Topics.METRICS_SALES_CYCLE, Produced.with(Serdes.String(), JsonSerde.of(SalesCycle.class))
                        .withName("sales-cycle-sink"));

        deltas.get("velocity-deltas-sales-velocity")
                .repartition(Repartitioned.<String, VelocityDelta>as("sales-velocity-deltas")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(DELTA))
                .process(new SalesVelocities(processorStores.apply(VELOCITY_OPEN_DEALS_STORE),
                        processorStores.apply(VELOCITY_STORE), periods),
                        Named.as("sales-velocity-aggregate"))
                .to(Topics.METRICS_SALES_VELOCITY, Produced.with(Serdes.String(), JsonSerde.of(SalesVelocity.class))
                        .withName("sales-velocity-sink"));
    }
}
