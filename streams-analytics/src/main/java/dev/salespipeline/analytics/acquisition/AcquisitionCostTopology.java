package dev.salespipeline.analytics.acquisition;

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
import dev.salespipeline.api.metrics.AcquisitionCost;
import dev.salespipeline.api.spend.MarketingSpendChanged;
import dev.salespipeline.api.spend.MarketingSpendSet;
import dev.salespipeline.api.spend.MarketingSpendWithdrawn;

/**
 * The acquisition-cost family: per pipeline, source channel, month or quarter and currency, the marketing spend
 * against the deals opened and won, with cost per lead and cost per won deal ({@link Topics#METRICS_ACQUISITION_COST}).
 * Definitions: {@code docs/metrics.md}.
 *
 * <pre>
 * deal-state --&gt; acquisition-cost-recounts (the deal's part per pipeline, store acquisition-cost-counted-deals)
 *   one recount per pipeline whose part changed --repartition by pipeline (acquisition-cost-deal-recounts)--&gt;
 * spend events --&gt; acquisition-cost-spend (by spend id) --repartition by pipeline (acquisition-cost-spend-by-pipeline)--&gt;
 *   acquisition-cost-cells: the cells the input touches (store acquisition-cost-cells; the spend as last counted in
 *     acquisition-cost-spends), marked dirty --signal per pipeline, once per commit--&gt; acquisition-cost-rows:
 *     the dirty cells' rows --&gt; topic
 * </pre>
 *
 * <p>A deal change costs one record on the repartition topic (two for a deal won in another pipeline than the one it
 * was opened in), however many rows it touches: the part sent is the deal's channel and its days of opening and
 * winning, spread over channel and all channels, month and quarter where the pipeline's cells are.
 */
public final class AcquisitionCostTopology {

    /** What each deal was last counted as, by deal id. */
    public static final String DEALS_STORE = "acquisition-cost-counted-deals";
    /** Each spend as its events leave it, by spend id. */
    public static final String SPEND_STORE = "acquisition-cost-spend";
    /** Each spend as the cells last counted it, by spend id, on the partition of its pipeline. */
    public static final String SPENDS_STORE = "acquisition-cost-spends";
    /** The cells: pipeline, channel or all, month or quarter, with deals opened, won and spend per currency. */
    public static final String CELLS_STORE = "acquisition-cost-cells";
    /** The internal topic of the deals' recounts, by pipeline id. */
    public static final String RECOUNTS = "acquisition-cost-deal-recounts";
    /** The internal topic that brings each spend to the partition of its pipeline. */
    public static final String SPEND_REPARTITION = "acquisition-cost-spend-by-pipeline";

    /** The prefix of the family's processors and stores of {@link RowsOnCommit}. */
    static final String NAME = "acquisition-cost";

    private static final Set<String> SPEND_TYPES = Set.of(EventTypes.nameOf(MarketingSpendSet.class),
            EventTypes.nameOf(MarketingSpendChanged.class), EventTypes.nameOf(MarketingSpendWithdrawn.class));
    private static final JsonSerde<CountedDeal<AcquiredDeal>> COUNTED =
            JsonSerde.of(new TypeReference<CountedDeal<AcquiredDeal>>() { });
    private static final JsonSerde<Recount<AcquiredDeal>> RECOUNT =
            JsonSerde.of(new TypeReference<Recount<AcquiredDeal>>() { });
    private static final JsonSerde<Spend> SPEND = JsonSerde.of(Spend.class);

    private final CompanyPeriods periods;
    private final Function<String, KeyValueBytesStoreSupplier> processorStores;

    public AcquisitionCostTopology(CompanyPeriods periods) {
        this(periods, Stores::persistentKeyValueStore);
    }

    /**
     * With the given kind of store for the stores of the family's own processors: in memory for tests that feed
     * thousands of events through a {@code TopologyTestDriver}, which checkpoints persistent stores at every record.
     */
    public AcquisitionCostTopology(CompanyPeriods periods, Function<String, KeyValueBytesStoreSupplier> processorStores) {
        this.periods = periods;
        this.processorStores = processorStores;
    }

    public void buildTopology(KStream<String, EventEnvelope<DomainEvent>> events, DealTables tables) {
        KStream<String, AcquisitionInput> deals = tables.dealState()
                .toStream(Named.as("acquisition-cost-deal-changes"))
                .process(DealRecounts.ofStates(processorStores.apply(DEALS_STORE), COUNTED,
                        deal -> AcquiredDeal.parts(deal, periods)), Named.as("acquisition-cost-recounts"))
                .repartition(Repartitioned.<String, Recount<AcquiredDeal>>as(RECOUNTS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(RECOUNT))
                .mapValues(AcquisitionInput::of, Named.as("acquisition-cost-deal-inputs"));

        KStream<String, AcquisitionInput> spend = events
                .filter((spendId, envelope) -> envelope != null && SPEND_TYPES.contains(envelope.type()),
                        Named.as("acquisition-cost-spend-events"))
                .groupByKey(Grouped.with("acquisition-cost-spend-by-id", Serdes.String(),
                        PipelineEvents.ENVELOPE_SERDE))
                .aggregate(() -> null, (spendId, envelope, current) -> Spend.fold(current, envelope),
                        Named.as("acquisition-cost-spend-fold"),
                        Materialized.<String, Spend, KeyValueStore<Bytes, byte[]>>as(SPEND_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(SPEND))
                .toStream(Named.as("acquisition-cost-spend-changes"))
                .filter((spendId, current) -> current != null, Named.as("acquisition-cost-spend-set"))
                .selectKey((spendId, current) -> current.pipelineId(), Named.as("acquisition-cost-spend-pipeline"))
                .repartition(Repartitioned.<String, Spend>as(SPEND_REPARTITION)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(SPEND))
                .mapValues(AcquisitionInput::of, Named.as("acquisition-cost-spend-inputs"));

        AcquisitionCells cells = new AcquisitionCells(processorStores);
        RowsOnCommit.build(deals.merge(spend, Named.as("acquisition-cost-inputs")), NAME, cells, cells.rows(),
                        CELLS_STORE, RowsOnCommit.dirtyStoreName(NAME))
                .mapValues(row -> (AcquisitionCost) row, Named.as(NAME + "-typed"))
                .to(Topics.METRICS_ACQUISITION_COST,
                        Produced.with(Serdes.String(), JsonSerde.of(AcquisitionCost.class)).withName(NAME + "-sink"));
    }
}
