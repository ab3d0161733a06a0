package dev.salespipeline.analytics.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import dev.salespipeline.analytics.DriverState;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.serde.PipelineEvents;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.deal.CommentAdded;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.metrics.ManagerActivity;
import dev.salespipeline.api.metrics.PeriodType;

/** How the manager-activity cells hold cards changed, so that the rows they add up to count each deal once. */
class ManagerActivityCellsTest {

    private static final LocalDate MONDAY = LocalDate.parse("2026-11-16");
    private static final LocalDate TUESDAY = MONDAY.plusDays(1);
    private static final String ALL = ManagerActivity.ALL_PIPELINES;

    @Test
    void aDealChangedOnTwoDaysOfAWeekIsHeldForTheWeekByTheCellOfTheEarlierDay() {
        DealLedger ledger = DealLedger.EMPTY.inPipeline("sales")
                .changedBy("anna", "sales", TUESDAY)
                .changedBy("anna", "sales", MONDAY);

        Map<String, ActivityCell> cells = ledger.cells(CompanyPeriods.UTC);

        assertThat(cells.get(key("sales", MONDAY)).cards()).isEqualTo(new ChangedCards(1, 1, 1, 1, 1, 1, 1, 1));
        assertThat(cells.get(key("sales", TUESDAY)).cards()).isEqualTo(new ChangedCards(1, 0, 0, 0, 1, 0, 0, 0));
        Map<String, ShiftActivity> rows = ShiftCells.rowsOf(cells.values());
        assertThat(rows.get(ManagerActivity.key("sales", "anna", PeriodType.WEEK, "2026-W47")).counts().cardsChanged())
                .isEqualTo(1);
        assertThat(rows.get(ManagerActivity.key(ALL, "anna", PeriodType.QUARTER, "2026-Q4")).counts().cardsChanged())
                .isEqualTo(1);
    }

    @Test
    void aDealChangedInTwoPipelinesOnOneDayIsHeldForAllPipelinesByOneOfTheirCells() {
        DealLedger ledger = DealLedger.EMPTY.inPipeline("sales")
                .changedBy("anna", "sales", MONDAY)
                .changedBy("anna", "legal", MONDAY)
                .changedBy("anna", null, MONDAY);

        Map<String, ShiftActivity> rows = ShiftCells.rowsOf(ledger.cells(CompanyPeriods.UTC).values());

        assertThat(rows.get(ManagerActivity.key("sales", "anna", PeriodType.DAY, "2026-11-16")).counts()
                .cardsChanged()).isEqualTo(1);
        assertThat(rows.get(ManagerActivity.key("legal", "anna", PeriodType.WEEK, "2026-W47")).counts()
                .cardsChanged()).isEqualTo(1);
        assertThat(rows.get(ManagerActivity.key(ALL, "anna", PeriodType.DAY, "2026-11-16")).counts().cardsChanged())
                .isEqualTo(1);
        assertThat(rows.get(ManagerActivity.key(ALL, "anna", PeriodType.MONTH, "2026-11")).counts().cardsChanged())
                .isEqualTo(1);
    }

    @Test
    void aChangeBackdatedToAnEarlierDayOfTheWeekSendsThatDaysRowsAndNotTheWeeksAgain() {
        Properties config = DriverState.inMemory();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "manager-activity-cells-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
        new ManagerActivityTopology(CompanyPeriods.UTC, ManagerActivityTopology.DEFAULT_SUCCESSFUL_CALL_SECONDS,
                Stores::inMemoryKeyValueStore).buildTopology(PipelineEvents.stream(builder));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config)) {
            ActorLog log = new ActorLog(driver);
            TestOutputTopic<String, ManagerActivity> output = driver.createOutputTopic(
                    Topics.METRICS_MANAGER_ACTIVITY, Serdes.String().deserializer(),
                    JsonSerde.of(ManagerActivity.class).deserializer());
            log.append("bob", new DealOpened("d1", "sales", "lead", "Deal d1", "bob", "north",
                    Money.of("1000.00", "EUR"), at(MONDAY, "10:00")));
            log.append("anna", new DealMovedToStage("d1", "sales", "lead", "qualified", at(TUESDAY, "10:00")));
            output.readKeyValuesToMap();

            // anna's comment, recorded after the move, took place on Monday
            log.append("anna", new CommentAdded("d1", "k1", "Called back", at(MONDAY, "15:00")));

            Map<String, ManagerActivity> sent = output.readKeyValuesToMap();
            assertThat(sent).containsOnlyKeys(ManagerActivity.key("sales", "anna", PeriodType.DAY, "2026-11-16"),
                    ManagerActivity.key(ALL, "anna", PeriodType.DAY, "2026-11-16"));
            assertThat(sent.values()).allSatisfy(row -> assertThat(row.cardsChanged()).isEqualTo(1));
            assertThat(DriverState.<ShiftActivity>rows(driver, ManagerActivityTopology.METRICS_STORE)
                    .get(ManagerActivity.key("sales", "anna", PeriodType.WEEK, "2026-W47")).counts().cardsChanged())
                    .isEqualTo(1);
        }
    }

    private static String key(String pipelineId, LocalDate day) {
        return ManagerActivity.key(pipelineId, "anna", PeriodType.DAY, day.toString());
    }

    private static Instant at(LocalDate day, String time) {
        return Instant.parse(day + "T" + time + ":00Z");
    }
}
