package dev.salespipeline.analytics.activity;

import static dev.salespipeline.analytics.DriverState.copy;
import static dev.salespipeline.analytics.DriverState.inMemory;
import static dev.salespipeline.analytics.DriverState.publish;
import static dev.salespipeline.analytics.DriverState.latest;
import static dev.salespipeline.analytics.DriverState.rows;
import static dev.salespipeline.analytics.DriverState.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
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

import dev.salespipeline.analytics.DriverState;
import dev.salespipeline.analytics.activity.ManagerActivityRandomHistoriesTest.Acted;
import dev.salespipeline.analytics.serde.PipelineEvents;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.activity.ActivityAttached;
import dev.salespipeline.api.activity.ActivityKind;
import dev.salespipeline.api.activity.ActivityMatch;
import dev.salespipeline.api.activity.ActivityReceived;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.metrics.ManagerActivity;
import dev.salespipeline.api.metrics.PeriodType;

/**
 * The manager-activity rows have no changelog, only their finest cells (person, pipeline, day) do: over the
 * histories of {@link ManagerActivityRandomHistoriesTest}, with calls and emails reported by an outside system and
 * matched to no deal besides (some attached to a deal later), the rows worked out from the cells are the rows
 * counted, cards changed included, and a task that starts again on the state it left sends what one that never
 * stopped sends.
 */
class ManagerActivityCellsRandomHistoriesTest {

    private static final List<String> PEOPLE = List.of("anna", "ben", "cleo");
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Instant START = Instant.parse("2026-09-20T00:00:00Z");

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 6);
    }

    static LongStream restartSeeds() {
        return LongStream.rangeClosed(1, 3);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theRowsWorkedOutFromTheCellsAreTheRowsCounted(long seed) {
        List<EventEnvelope<?>> envelopes = envelopes(seed, 30);
        try (TopologyTestDriver driver = start(inMemory(), Stores::inMemoryKeyValueStore, null)) {
            publish(driver, envelopes);
            List<ActivityCell> cells = values(driver, ManagerActivityTopology.CELLS_STORE);
            Map<String, ShiftActivity> rows = rows(driver, ManagerActivityTopology.METRICS_STORE);
            String context = "seed " + seed;

            assertThat(cells).as(context).isNotEmpty();
            assertThat(cells).as(context + " cells of no pipeline")
                    .anyMatch(cell -> cell.pipelineId().equals(ManagerActivity.ALL_PIPELINES));
            assertThat(new TreeMap<>(ShiftCells.rowsOf(cells))).as(context + " rows from the cells").isEqualTo(rows);
            // deals changed by one person on two days of a week are one card in the week's row, not two
            assertThat(rows.values()).as(context + " weeks with fewer cards than their days")
                    .anyMatch(row -> row.periodType() == PeriodType.WEEK
                            && row.counts().cardsChanged() < daysCards(rows, row));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("restartSeeds")
    void aTaskStartedAgainOnItsStateSendsWhatOneThatNeverStoppedSends(long seed, @TempDir Path state)
            throws IOException {
        List<EventEnvelope<?>> envelopes = envelopes(seed, 16);
        int half = envelopes.size() / 2;
        String context = "seed " + seed;

        Map<String, ManagerActivity> through;
        Map<String, ShiftActivity> rowsThrough;
        try (TopologyTestDriver driver = start(new Properties(), Stores::persistentKeyValueStore,
                state.resolve("through"))) {
            publish(driver, envelopes);
            through = latest(driver, Topics.METRICS_MANAGER_ACTIVITY, ManagerActivity.class);
            rowsThrough = rows(driver, ManagerActivityTopology.METRICS_STORE);
        }

        Map<String, ManagerActivity> across = new TreeMap<>();
        Map<String, ShiftActivity> rowsAtStop;
        try (TopologyTestDriver driver = start(new Properties(), Stores::persistentKeyValueStore,
                state.resolve("before"))) {
            publish(driver, envelopes.subList(0, half));
            across.putAll(latest(driver, Topics.METRICS_MANAGER_ACTIVITY, ManagerActivity.class));
            rowsAtStop = rows(driver, ManagerActivityTopology.METRICS_STORE);
            // the stores as they are on disk after the last commit; closing the driver deletes them
            copy(state.resolve("before"), state.resolve("after"));
        }
        try (TopologyTestDriver driver = start(new Properties(), Stores::persistentKeyValueStore,
                state.resolve("after"))) {
            assertThat(rowsAtStop).as(context).isNotEmpty();
            assertThat(rows(driver, ManagerActivityTopology.METRICS_STORE)).as(context + " rows worked out at the start")
                    .isEqualTo(rowsAtStop);
            publish(driver, envelopes.subList(half, envelopes.size()));
            across.putAll(latest(driver, Topics.METRICS_MANAGER_ACTIVITY, ManagerActivity.class));
            assertThat(rows(driver, ManagerActivityTopology.METRICS_STORE)).as(context + " rows at the end")
                    .isEqualTo(rowsThrough);
        }
        assertThat(through).as(context).isNotEmpty();
        assertThat(across).as(context + " rows across a restart").isEqualTo(through);
    }

    /** The cards changed of the day rows of the week row's pipeline and person, in its week, added up. */
    private static long daysCards(Map<String, ShiftActivity> rows, ShiftActivity week) {
        return rows.values().stream()
                .filter(row -> row.periodType() == PeriodType.DAY && row.pipelineId().equals(week.pipelineId())
                        && row.personId().equals(week.personId())
                        && PeriodType.WEEK.label(LocalDate.parse(row.period())).equals(week.period()))
                .mapToLong(row -> row.counts().cardsChanged())
                .sum();
    }

    /**
     * The history's events with reported calls and emails matched to no deal among them, as the command side
     * numbers them, with redeliveries; made once so that every run reads the same ones.
     */
    private static List<EventEnvelope<?>> envelopes(long seed, int deals) {
        Random random = new Random(seed);
        List<Acted> history = new ArrayList<>(ManagerActivityRandomHistoriesTest.history(random, deals));
        for (int i = 0; i < deals / 2; i++) {
            String id = "reported-" + i;
            Instant at = START.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 60)));
            String rep = random.nextInt(4) == 0 ? null : PEOPLE.get(random.nextInt(PEOPLE.size()));
            boolean call = random.nextBoolean();
            Direction direction = random.nextBoolean() ? Direction.INBOUND : Direction.OUTBOUND;
            ActivityReceived received = call
                    ? new ActivityReceived(id, "telephony", "ext-" + id, ActivityKind.CALL, direction, at,
                            random.nextInt(120), random.nextBoolean(), "+4930" + random.nextInt(1_000_000), null,
                            null, null, null, null, rep, null, ActivityMatch.UNMATCHED)
                    : new ActivityReceived(id, "mail", "ext-" + id, ActivityKind.EMAIL, direction, at, 0, false,
                            null, null, null, "Offer", "a@example.com", "b@example.com", rep, null,
                            ActivityMatch.UNMATCHED);
            int index = random.nextInt(history.size() + 1);
            history.add(index, new Acted("integration:" + received.sourceSystem(), received));
            if (rep == null && random.nextBoolean()) {
                // someone attaches it to a deal, naming the deal's owner as the rep it counts for
                String person = PEOPLE.get(random.nextInt(PEOPLE.size()));
                history.add(index + 1 + random.nextInt(history.size() - index), new Acted(person,
                        new ActivityAttached(id, "deal-" + random.nextInt(deals),
                                PEOPLE.get(random.nextInt(PEOPLE.size())), at.plus(Duration.ofHours(2)))));
            }
        }
        Map<String, Long> sequences = new HashMap<>();
        List<EventEnvelope<?>> envelopes = new ArrayList<>();
        for (Acted acted : history) {
            DomainEvent event = acted.event();
            long sequence = sequences.merge(event.aggregateId(), 1L, Long::sum) - 1;
            envelopes.add(ActorLog.envelope(acted.actor(), sequence, event));
            if (random.nextInt(8) == 0) {
                envelopes.add(envelopes.get(random.nextInt(envelopes.size())));
            }
        }
        return envelopes;
    }

    private static TopologyTestDriver start(Properties settings, Function<String, KeyValueBytesStoreSupplier> stores,
                                            Path stateDir) {
        Properties config = DriverState.config(settings, "manager-activity-cells-test", stateDir);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
        new ManagerActivityTopology(new CompanyPeriods(ZONE), ManagerActivityTopology.DEFAULT_SUCCESSFUL_CALL_SECONDS,
                stores).buildTopology(PipelineEvents.stream(builder));
        return new TopologyTestDriver(builder.build(), config);
    }
}
