package dev.salespipeline.analytics.velocity;

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
import dev.salespipeline.analytics.deal.LatestRows;
import dev.salespipeline.analytics.deal.Recount;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.time.CompanyPeriods;
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
 * deal-state --&gt; velocity-recounts (the deal's figures per pipeline, store velocity-deal-figures)
 *   one recount per pipeline whose figures changed --repartition by pipeline (velocity-deal-recounts)--&gt;
 *   velocity-cells: every row the recount touches (stores time-in-stage-sketches, stage-age-open-deals,
 *                   sales-cycle-sketches, sales-velocity-open-deals, sales-velocity-metrics)
 *   rows --&gt; time-in-stage-rows, stage-age-rows, sales-cycle-rows, sales-velocity-rows
 *            (record caches, no changelog: once per commit) --&gt; topics
 * </pre>
 *
 * <p>No figure here depends on the pipeline's definition (stages are counted by id), so unlike the conversion
 * family nothing is joined with it, and a renamed or reordered stage re-emits nothing.
 */
public final class VelocityTopology {

    /** What each deal was last counted as, by deal id. */
    public static final String FIGURES_STORE = "velocity-deal-figures";
    public static final String TIME_IN_STAGE_STORE = "time-in-stage-sketches";
    public static final String STAGE_AGE_STORE = "stage-age-open-deals";
    public static final String SALES_CYCLE_STORE = "sales-cycle-sketches";
    public static final String VELOCITY_OPEN_DEALS_STORE = "sales-velocity-open-deals";
    public static final String VELOCITY_STORE = "sales-velocity-metrics";
    /** The internal topic of the deals' recounts, by pipeline id. */
    public static final String RECOUNTS = "velocity-deal-recounts";

    private static final JsonSerde<CountedDeal<DealFigures>> COUNTED =
            JsonSerde.of(new TypeReference<CountedDeal<DealFigures>>() { });
    private static final JsonSerde<Recount<DealFigures>> RECOUNT =
            JsonSerde.of(new TypeReference<Recount<DealFigures>>() { });

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
        KStream<String, Object> rows = tables.dealState()
                .toStream(Named.as("velocity-deal-changes"))
                .process(new DealRecounts<>(processorStores.apply(FIGURES_STORE), COUNTED,
                        deal -> DealFigures.parts(deal, periods)), Named.as("velocity-recounts"))
                .repartition(Repartitioned.<String, Recount<DealFigures>>as(RECOUNTS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(RECOUNT))
                .process(new VelocityCells(processorStores, periods), Named.as("velocity-cells"));

        LatestRows.toTopic(rows, TimeInStage.class, "time-in-stage-rows", Topics.METRICS_TIME_IN_STAGE,
                JsonSerde.of(TimeInStage.class));
        LatestRows.toTopic(rows, StageAge.class, "stage-age-rows", Topics.METRICS_STAGE_AGE,
                JsonSerde.of(StageAge.class));
        LatestRows.toTopic(rows, SalesCycle.class, "sales-cycle-rows", Topics.METRICS_SALES_CYCLE,
                JsonSerde.of(SalesCycle.class));
        LatestRows.toTopic(rows, SalesVelocity.class, "sales-velocity-rows", Topics.METRICS_SALES_VELOCITY,
                JsonSerde.of(SalesVelocity.class));
    }
}
