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
import dev.salespipeline.analytics.deal.Recount;
import dev.salespipeline.analytics.deal.RowsOnCommit;
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
 *                   sales-cycle-sketches, sales-velocity-open-deals, sales-velocity-metrics), marked dirty; time
 *                   in stage and sales cycle from the deal's finest cells (stores time-in-stage-cells,
 *                   sales-cycle-cells), their rows in memory, worked out from the cells when the task is assigned
 *   --signal per pipeline, once per commit--&gt; velocity-rows: the dirty rows --&gt; topics
 * </pre>
 *
 * <p>No figure here depends on the pipeline's definition (stages are counted by id), so unlike the conversion
 * family nothing is joined with it, and a renamed or reordered stage re-emits nothing.
 */
public final class VelocityTopology {

    /** What each deal was last counted as, by deal id. */
    public static final String FIGURES_STORE = "velocity-deal-figures";
    /**
     * The time-in-stage rows, by metric key: in memory, without a changelog, worked out from the cells when the
     * task is assigned.
     */
    public static final String TIME_IN_STAGE_STORE = "time-in-stage-sketches";
    /** The finest cells of time in stage: pipeline, owner, channel and the day the deals last left the stage. */
    public static final String TIME_IN_STAGE_CELLS_STORE = "time-in-stage-cells";
    public static final String STAGE_AGE_STORE = "stage-age-open-deals";
    /**
     * The sales-cycle rows, by metric key: in memory, without a changelog, worked out from the cells when the task
     * is assigned.
     */
    public static final String SALES_CYCLE_STORE = "sales-cycle-sketches";
    /** The finest cells of the sales cycle: pipeline, owner, channel and the day of the win. */
    public static final String SALES_CYCLE_CELLS_STORE = "sales-cycle-cells";
    public static final String VELOCITY_OPEN_DEALS_STORE = "sales-velocity-open-deals";
    public static final String VELOCITY_STORE = "sales-velocity-metrics";
    /** The prefix of the family's processors and stores of {@link RowsOnCommit}. */
    static final String NAME = "velocity";
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
        KStream<String, Recount<DealFigures>> recounts = tables.dealState()
                .toStream(Named.as("velocity-deal-changes"))
                .process(DealRecounts.ofStates(processorStores.apply(FIGURES_STORE), COUNTED,
                        deal -> DealFigures.parts(deal, periods)), Named.as("velocity-recounts"))
                .repartition(Repartitioned.<String, Recount<DealFigures>>as(RECOUNTS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(RECOUNT));
        KStream<String, Object> rows = RowsOnCommit.build(recounts, NAME,
                new VelocityCells(processorStores, periods), VelocityCells.rows(),
                TIME_IN_STAGE_STORE, STAGE_AGE_STORE, SALES_CYCLE_STORE, VELOCITY_STORE,
                RowsOnCommit.dirtyStoreName(NAME));

        RowsOnCommit.toTopic(rows, TimeInStage.class, "time-in-stage", Topics.METRICS_TIME_IN_STAGE,
                JsonSerde.of(TimeInStage.class));
        RowsOnCommit.toTopic(rows, StageAge.class, "stage-age", Topics.METRICS_STAGE_AGE,
                JsonSerde.of(StageAge.class));
        RowsOnCommit.toTopic(rows, SalesCycle.class, "sales-cycle", Topics.METRICS_SALES_CYCLE,
                JsonSerde.of(SalesCycle.class));
        RowsOnCommit.toTopic(rows, SalesVelocity.class, "sales-velocity", Topics.METRICS_SALES_VELOCITY,
                JsonSerde.of(SalesVelocity.class));
    }
}
