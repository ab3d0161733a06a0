package dev.salespipeline.analytics;

import static dev.salespipeline.analytics.DriverState.copy;
import static dev.salespipeline.analytics.DriverState.inMemory;
import static dev.salespipeline.analytics.DriverState.publish;
import static dev.salespipeline.analytics.DriverState.rows;
import static dev.salespipeline.analytics.DriverState.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.LongStream;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.salespipeline.analytics.conversion.CohortCounts;
import dev.salespipeline.analytics.acquisition.AcquisitionCostTopology;
import dev.salespipeline.analytics.conversion.ConversionTopology;
import dev.salespipeline.analytics.conversion.WinRates;
import dev.salespipeline.analytics.deal.DealTables;
import dev.salespipeline.analytics.serde.PipelineEvents;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.analytics.velocity.SalesCycleSketch;
import dev.salespipeline.analytics.velocity.TimeInStageSketches;
import dev.salespipeline.analytics.velocity.VelocityTopology;
import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.metrics.AcquisitionCost;
import dev.salespipeline.api.metrics.SalesCycle;
import dev.salespipeline.api.metrics.SalesVelocity;
import dev.salespipeline.api.metrics.StageAge;
import dev.salespipeline.api.metrics.StageConversion;
import dev.salespipeline.api.metrics.TimeInStage;
import dev.salespipeline.api.metrics.WinRate;

/**
 * The rows of conversion, win rate, time in stage and sales cycle have no changelog, only their finest cells do:
 * over the histories of {@link RecountedFamiliesRandomHistoriesTest}, the rows worked out from the cells are the
 * rows counted, and a task that starts again on the state it left sends what one that never stopped sends, on
 * every topic of the two families and on that of acquisition cost, which reads the same deal table.
 */
class RecountedCellsRandomHistoriesTest {

    private static final CompanyPeriods PERIODS = new CompanyPeriods(ZoneId.of("Europe/Berlin"));

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 4);
    }

    static LongStream restartSeeds() {
        return LongStream.rangeClosed(1, 2);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theRowsWorkedOutFromTheCellsAreTheRowsCounted(long seed) {
        List<EventEnvelope<?>> envelopes = envelopes(seed, 40);
        try (TopologyTestDriver driver = start(inMemory(), Stores::inMemoryKeyValueStore, null)) {
            publish(driver, envelopes);
            List<CohortCounts> cohortCells = values(driver, ConversionTopology.COHORT_CELLS_STORE);
            List<WinRate> closingCells = values(driver, ConversionTopology.WIN_RATE_CELLS_STORE);
            Map<String, CohortCounts> cohorts = rows(driver, ConversionTopology.COHORT_STORE);
            Map<String, WinRate> closings = rows(driver, ConversionTopology.WIN_RATE_STORE);

            assertThat(cohortCells).as("seed " + seed).isNotEmpty();
            assertThat(journeys(CohortCounts.rowsOf(cohortCells))).as("seed " + seed + " cohorts from the cells")
                    .isEqualTo(journeys(cohorts));
            assertThat(closingCells).as("seed " + seed).isNotEmpty();
            assertThat(WinRates.rowsOf(closingCells)).as("seed " + seed + " win rates from the cells")
                    .isEqualTo(closings);

            // sketches merged bin by bin keep other encodings than the ones counted: their figures are compared
            List<TimeInStageSketches> timeCells = values(driver, VelocityTopology.TIME_IN_STAGE_CELLS_STORE);
            assertThat(timeCells).as("seed " + seed).isNotEmpty();
            assertThat(figures(TimeInStageSketches.rowsOf(timeCells), TimeInStageSketches::metric))
                    .as("seed " + seed + " time in stage from the cells")
                    .isEqualTo(figures(rows(driver, VelocityTopology.TIME_IN_STAGE_STORE), TimeInStageSketches::metric));
            List<SalesCycleSketch> cycleCells = values(driver, VelocityTopology.SALES_CYCLE_CELLS_STORE);
            assertThat(cycleCells).as("seed " + seed).isNotEmpty();
            assertThat(figures(SalesCycleSketch.rowsOf(cycleCells), SalesCycleSketch::metric))
                    .as("seed " + seed + " sales cycle from the cells")
                    .isEqualTo(figures(rows(driver, VelocityTopology.SALES_CYCLE_STORE), SalesCycleSketch::metric));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("restartSeeds")
    void aTaskStartedAgainOnItsStateSendsWhatOneThatNeverStoppedSends(long seed, @TempDir Path state)
            throws IOException {
        List<EventEnvelope<?>> envelopes = envelopes(seed, 16);
        int half = envelopes.size() / 2;

        Map<String, Map<String, Object>> through;
        Map<String, CohortCounts> cohorts;
        try (TopologyTestDriver driver = start(new Properties(), Stores::persistentKeyValueStore,
                state.resolve("through"))) {
            publish(driver, envelopes);
            through = latest(driver);
            cohorts = rows(driver, ConversionTopology.COHORT_STORE);
        }

        Map<String, Map<String, Object>> across = new TreeMap<>();
        try (TopologyTestDriver driver = start(new Properties(), Stores::persistentKeyValueStore,
                state.resolve("before"))) {
            publish(driver, envelopes.subList(0, half));
            latest(driver).forEach((topic, rows) -> across.computeIfAbsent(topic, t -> new TreeMap<>()).putAll(rows));
            // the stores as they are on disk after the last commit; closing the driver deletes them
            copy(state.resolve("before"), state.resolve("after"));
        }
        try (TopologyTestDriver driver = start(new Properties(), Stores::persistentKeyValueStore,
                state.resolve("after"))) {
            assertThat(driver.<String, WinRate>getKeyValueStore(ConversionTopology.WIN_RATE_CELLS_STORE)
                    .approximateNumEntries()).as("seed " + seed + " cells kept").isPositive();
            publish(driver, envelopes.subList(half, envelopes.size()));
            latest(driver).forEach((topic, rows) -> across.computeIfAbsent(topic, t -> new TreeMap<>()).putAll(rows));
            assertThat(journeys(rows(driver, ConversionTopology.COHORT_STORE))).as("seed " + seed + " cohort rows")
                    .isEqualTo(journeys(cohorts));
        }
        assertThat(through.get(Topics.METRICS_TIME_IN_STAGE)).as("seed " + seed).isNotEmpty();
        assertThat(through.get(Topics.METRICS_SALES_CYCLE)).as("seed " + seed).isNotEmpty();
        assertThat(through.get(Topics.METRICS_ACQUISITION_COST)).as("seed " + seed).isNotEmpty();
        assertThat(across).as("seed " + seed + " rows across a restart").isEqualTo(through);
    }

    /** The history's events as the command side numbers them, made once so that every run reads the same ones. */
    private static List<EventEnvelope<?>> envelopes(long seed, int deals) {
        Random random = new Random(seed);
        RecountedFamiliesRandomHistoriesTest.History history =
                RecountedFamiliesRandomHistoriesTest.History.generate(random, deals);
        Map<String, Long> sequences = new HashMap<>();
        List<EventEnvelope<?>> envelopes = new ArrayList<>();
        for (DomainEvent event : history.events()) {
            long sequence = sequences.merge(event.aggregateId(), 1L, Long::sum) - 1;
            EventEnvelope<?> envelope = EventMother.envelope(sequence, event);
            envelopes.add(envelope);
            if (random.nextInt(8) == 0) {
                envelopes.add(envelopes.get(random.nextInt(envelopes.size())));
            }
        }
        return envelopes;
    }

    private static TopologyTestDriver start(Properties settings, Function<String, KeyValueBytesStoreSupplier> stores,
                                            Path stateDir) {
        Properties config = DriverState.config(settings, "conversion-cells-test", stateDir);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
        var events = PipelineEvents.stream(builder);
        DealTables tables = DealTables.from(events);
        new ConversionTopology(PERIODS, stores).buildTopology(tables);
        new VelocityTopology(PERIODS, stores).buildTopology(tables);
        new AcquisitionCostTopology(PERIODS, stores).buildTopology(events, tables);
        return new TopologyTestDriver(builder.build(), config);
    }

    /** The rows' journeys, whatever order they were counted in. */
    private static Map<String, Set<Object>> journeys(Map<String, CohortCounts> rows) {
        Map<String, Set<Object>> journeys = new TreeMap<>();
        rows.forEach((key, row) -> {
            Set<Object> of = new HashSet<>(row.journeys());
            of.add(row.key());
            journeys.put(key, of);
        });
        return journeys;
    }

    private static <R> Map<String, Object> figures(Map<String, R> rows, Function<R, Object> figure) {
        Map<String, Object> figures = new TreeMap<>();
        rows.forEach((key, row) -> figures.put(key, figure.apply(row)));
        return figures;
    }

    /** The latest row of each key on every metric topic of the two families and of acquisition cost. */
    private static Map<String, Map<String, Object>> latest(TopologyTestDriver driver) {
        Map<String, Map<String, Object>> latest = new TreeMap<>();
        latest.put(Topics.METRICS_CONVERSION,
                new TreeMap<>(DriverState.latest(driver, Topics.METRICS_CONVERSION, StageConversion.class)));
        latest.put(Topics.METRICS_WIN_RATE,
                new TreeMap<>(DriverState.latest(driver, Topics.METRICS_WIN_RATE, WinRate.class)));
        latest.put(Topics.METRICS_TIME_IN_STAGE,
                new TreeMap<>(DriverState.latest(driver, Topics.METRICS_TIME_IN_STAGE, TimeInStage.class)));
        latest.put(Topics.METRICS_STAGE_AGE,
                new TreeMap<>(DriverState.latest(driver, Topics.METRICS_STAGE_AGE, StageAge.class)));
        latest.put(Topics.METRICS_SALES_CYCLE,
                new TreeMap<>(DriverState.latest(driver, Topics.METRICS_SALES_CYCLE, SalesCycle.class)));
        latest.put(Topics.METRICS_SALES_VELOCITY,
                new TreeMap<>(DriverState.latest(driver, Topics.METRICS_SALES_VELOCITY, SalesVelocity.class)));
        latest.put(Topics.METRICS_ACQUISITION_COST,
                new TreeMap<>(DriverState.latest(driver, Topics.METRICS_ACQUISITION_COST, AcquisitionCost.class)));
        return latest;
    }
}
