package dev.salespipeline.analytics.velocity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.salespipeline.analytics.EventLog;
import dev.salespipeline.analytics.deal.DealTables;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.serde.PipelineEvents;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.deal.DealLost;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealReopened;
import dev.salespipeline.api.deal.DealTransferred;
import dev.salespipeline.api.deal.DealWon;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.metrics.SalesCycle;
import dev.salespipeline.api.metrics.SalesVelocity;
import dev.salespipeline.api.metrics.StageAge;
import dev.salespipeline.api.metrics.StageOpenDeals;
import dev.salespipeline.api.metrics.StageTime;
import dev.salespipeline.api.metrics.TimeInStage;
import dev.salespipeline.api.pipeline.StageRenamed;

class VelocityTopologyTest {

    /** Monday 16 November 2026, 09:00 UTC. */
    private static final Instant MONDAY = Instant.parse("2026-11-16T09:00:00Z");
    private static final double HOUR = 3600;
    private static final double DAY = 86_400;

    private TopologyTestDriver driver;
    private EventLog log;

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void aDealThatReturnsToAStageCountsOnceWithTheSumOfItsIntervals() {
        start(CompanyPeriods.UTC);
        // a: lead 1 h, qualified 2 h, lead again 3 h, then qualified (open); b: lead 1 h, then qualified (open)
        open("a", "anna", MONDAY);
        move("a", "lead", "qualified", hours(1));
        move("a", "qualified", "lead", hours(3));
        move("a", "lead", "qualified", hours(6));
        open("b", "anna", MONDAY);
        move("b", "lead", "qualified", hours(1));

        TimeInStage day = timeInStage(null, null, PeriodType.DAY, "2026-11-16");

        // per deal, not per interval: a counts once with 1 h + 3 h, b with 1 h
        assertThat(day.stages()).extracting(StageTime::stageId).containsExactly("lead", "qualified");
        StageTime lead = stage(day, "lead");
        assertThat(lead.deals()).isEqualTo(2);
        assertThat(lead.meanSeconds()).isEqualTo((4 * HOUR + HOUR) / 2);
        // ranks floor(0.5 x 1) = floor(0.9 x 1) = 0: the shorter time, 1 h
        assertThat(lead.medianSeconds()).isCloseTo(HOUR, withinPercentage(1));
        assertThat(lead.p90Seconds()).isCloseTo(HOUR, withinPercentage(1));
        // only completed intervals: a's 2 h; both deals are in qualified now
        StageTime qualified = stage(day, "qualified");
        assertThat(qualified.deals()).isEqualTo(1);
        assertThat(qualified.meanSeconds()).isEqualTo(2 * HOUR);
    }

    @Test
    void aSkippedStageHasNoIntervalAndARenamedStageKeepsItsFigures() {
        start(CompanyPeriods.UTC);
        open("c", "anna", MONDAY);
        move("c", "lead", "proposal", hours(2));
        move("c", "proposal", "negotiation", hours(5));
        TimeInStage before = timeInStage(null, null, PeriodType.WEEK, "2026-W47");
        assertThat(before.stages()).extracting(StageTime::stageId).containsExactly("lead", "proposal");
        assertThat(stage(before, "proposal").meanSeconds()).isEqualTo(3 * HOUR);
        TestOutputTopic<String, TimeInStage> output = timeInStageTopic();
        output.readRecordsToList();

        log.append(new StageRenamed("sales", "proposal", "Proposal sent", "Offer made", hours(6)));

        assertThat(output.isEmpty()).isTrue();
        assertThat(timeInStage(null, null, PeriodType.WEEK, "2026-W47")).isEqualTo(before);
    }

    @Test
    void medianAndNinetiethPercentileAreWithinOnePercentOfAHandMadeList() {
        start(CompanyPeriods.UTC);
        long[] minutesInLead = {1, 2, 5, 10, 15, 30, 60, 120, 240, 1440};
        for (int i = 0; i < minutesInLead.length; i++) {
            String dealId = "deal-" + i;
            open(dealId, "anna", MONDAY.minus(Duration.ofMinutes(minutesInLead[i])));
            move(dealId, "lead", "qualified", MONDAY);
        }

        StageTime lead = stage(timeInStage(null, null, PeriodType.DAY, "2026-11-16"), "lead");

        assertThat(lead.deals()).isEqualTo(10);
        // 1923 min / 10 = 192.3 min, exact
        assertThat(lead.meanSeconds()).isCloseTo(192.3 * 60, within(1e-6));
        // sorted, rank floor(0.5 x 9) = 4 is 15 min and rank floor(0.9 x 9) = 8 is 240 min
        assertThat(lead.medianSeconds()).isCloseTo(15 * 60.0, withinPercentage(1));
        assertThat(lead.p90Seconds()).isCloseTo(240 * 60.0, withinPercentage(1));
    }

    @Test
    void salesCycleMeanAndMedianOverTheDealsWonInThePeriod() {
        start(CompanyPeriods.UTC);
        openAndWin("two-days", "2026-11-01T10:00:00Z", "2026-11-03T10:00:00Z");
        openAndWin("five-days", "2026-11-02T10:00:00Z", "2026-11-07T10:00:00Z");
        openAndWin("eleven-days", "2026-10-25T10:00:00Z", "2026-11-05T10:00:00Z");
        openAndWin("october", "2026-10-01T10:00:00Z", "2026-10-04T10:00:00Z");
        open("lost", "anna", Instant.parse("2026-11-01T10:00:00Z"));
        lose("lost", "lead", Instant.parse("2026-11-04T10:00:00Z"));

        SalesCycle november = salesCycle(null, null, PeriodType.MONTH, "2026-11");

        assertThat(november.won()).isEqualTo(3);
        // (2 + 5 + 11) / 3 = 6 days; the median is the middle one, 5 days
        assertThat(november.meanDays()).isCloseTo(6.0, within(1e-9));
        assertThat(november.medianDays()).isCloseTo(5.0, withinPercentage(1));
        assertThat(salesCycle(null, null, PeriodType.MONTH, "2026-10").meanDays()).isCloseTo(3.0, within(1e-9));
        assertThat(salesCycle(null, null, PeriodType.QUARTER, "2026-Q4").won()).isEqualTo(4);
    }

    @Test
    void salesVelocityOfASmallBookWorkedOutByHand() {
        start(CompanyPeriods.UTC);
        open("w2", "anna", at("2026-10-10T09:00:00Z"), eur("3000.00"));
        open("l1", "anna", at("2026-10-20T09:00:00Z"), eur("500.00"));
        open("l2", "bob", at("2026-10-21T09:00:00Z"), eur("700.00"));
        open("w1", "bob", at("2026-10-22T09:00:00Z"), eur("1000.00"));
        win("w1", "lead", at("2026-11-01T09:00:00Z"), eur("1000.00"));
        lose("l1", "lead", at("2026-11-03T09:00:00Z"));
        lose("l2", "lead", at("2026-11-04T09:00:00Z"));
        open("o1", "anna", at("2026-11-05T09:00:00Z"), eur("100.00"));
        open("o2", "anna", at("2026-11-06T09:00:00Z"), eur("100.00"));
        open("u1", "anna", at("2026-11-07T09:00:00Z"), Money.of("2000.00", "USD"));
        win("w2", "lead", at("2026-11-09T09:00:00Z"), eur("3000.00"));
        open("o3", "bob", at("2026-11-10T09:00:00Z"), eur("100.00"));

        SalesVelocity november = velocity(null, PeriodType.MONTH, "2026-11", "EUR");

        // won 2 of 4 closed, 1000 + 3000 won over 10 + 30 days, 3 EUR deals open (o1, o2, o3):
        // 3 x 0.5 x 2000 / 20 = 150 EUR a day
        assertThat(november.openDeals()).isEqualTo(3);
        assertThat(november.openDealsAsOf()).isEqualTo(at("2026-11-10T09:00:00Z"));
        assertThat(november.won()).isEqualTo(2);
        assertThat(november.lost()).isEqualTo(2);
        assertThat(november.winRate()).isEqualTo(0.5);
        assertThat(november.averageWonAmount()).isEqualByComparingTo("2000");
        assertThat(november.averageCycleDays()).isEqualTo(20.0);
        assertThat(november.velocityPerDay()).isEqualTo(new BigDecimal("150.00"));
        assertThat(velocity(null, PeriodType.QUARTER, "2026-Q4", "EUR").velocityPerDay())
                .isEqualTo(new BigDecimal("150.00"));

        // the day w2 was won: 2 EUR deals open after it (o1, o2), 1 of 1 won, 3000 over 30 days: 200 a day
        SalesVelocity ninth = velocity(null, PeriodType.DAY, "2026-11-09", "EUR");
        assertThat(ninth.openDeals()).isEqualTo(2);
        assertThat(ninth.velocityPerDay()).isEqualTo(new BigDecimal("200.00"));

        // October closed nothing; it ended with the 4 deals opened in it open
        SalesVelocity october = velocity(null, PeriodType.MONTH, "2026-10", "EUR");
        assertThat(october.openDeals()).isEqualTo(4);
        assertThat(october.winRate()).isNull();
        assertThat(october.velocityPerDay()).isNull();

        // dollars are a book of their own: one open deal, nothing closed
        SalesVelocity dollars = velocity(null, PeriodType.MONTH, "2026-11", "USD");
        assertThat(dollars.openDeals()).isEqualTo(1);
        assertThat(dollars.won()).isZero();
        assertThat(dollars.velocityPerDay()).isNull();

        // anna: l1 lost, w2 won (3000 over 30 days), o1 and o2 open in EUR: 2 x 0.5 x 3000 / 30 = 100
        SalesVelocity annas = velocity("anna", PeriodType.MONTH, "2026-11", "EUR");
        assertThat(annas.openDeals()).isEqualTo(2);
        assertThat(annas.velocityPerDay()).isEqualTo(new BigDecimal("100.00"));
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        start(CompanyPeriods.UTC);
        List<EventEnvelope<?>> sent = new ArrayList<>();
        sent.add(open("a", "anna", MONDAY));
        sent.add(move("a", "lead", "qualified", hours(1)));
        sent.add(move("a", "qualified", "lead", hours(2)));
        sent.add(move("a", "lead", "qualified", hours(4)));
        sent.add(win("a", "qualified", hours(30), eur("1000.00")));
        TimeInStage timeInStage = timeInStage(null, null, PeriodType.DAY, "2026-11-16");
        SalesCycle cycle = salesCycle(null, null, PeriodType.DAY, "2026-11-17");
        SalesVelocity velocity = velocity(null, PeriodType.DAY, "2026-11-17", "EUR");
        List<TestOutputTopic<String, ?>> outputs = List.of(timeInStageTopic(), output(Topics.METRICS_STAGE_AGE,
                StageAge.class), output(Topics.METRICS_SALES_CYCLE, SalesCycle.class),
                output(Topics.METRICS_SALES_VELOCITY, SalesVelocity.class));
        outputs.forEach(TestOutputTopic::readRecordsToList);

        sent.forEach(log::redeliver);

        assertThat(outputs).allSatisfy(topic -> assertThat(topic.isEmpty()).isTrue());
        assertThat(stage(timeInStage, "lead").meanSeconds()).isEqualTo(3 * HOUR);
        assertThat(timeInStage(null, null, PeriodType.DAY, "2026-11-16")).isEqualTo(timeInStage);
        assertThat(salesCycle(null, null, PeriodType.DAY, "2026-11-17")).isEqualTo(cycle);
        assertThat(velocity(null, PeriodType.DAY, "2026-11-17", "EUR")).isEqualTo(velocity);
    }

    @Test
    void periodsAreCutInTheCompanysTimeZone() {
        start(new CompanyPeriods(ZoneId.of("Europe/Berlin")));
        // Sunday 23:30 in UTC is Monday 00:30 in Berlin
        open("late", "anna", Instant.parse("2026-11-15T20:00:00Z"));
        move("late", "lead", "qualified", Instant.parse("2026-11-15T23:30:00Z"));
        // Saturday 31 October 23:30 UTC is Sunday 1 November 00:30 in Berlin
        open("won", "anna", Instant.parse("2026-10-29T23:30:00Z"));
        win("won", "lead", Instant.parse("2026-10-31T23:30:00Z"), eur("1000.00"));

        assertThat(stage(timeInStage(null, null, PeriodType.DAY, "2026-11-16"), "lead").meanSeconds())
                .isEqualTo(3.5 * HOUR);
        assertThat(timeInStage(null, null, PeriodType.WEEK, "2026-W47")).isNotNull();
        assertThat(timeInStage(null, null, PeriodType.DAY, "2026-11-15")).isNull();
        assertThat(timeInStage(null, null, PeriodType.WEEK, "2026-W46")).isNull();
        assertThat(salesCycle(null, null, PeriodType.MONTH, "2026-11").meanDays()).isEqualTo(2.0);
        assertThat(salesCycle(null, null, PeriodType.MONTH, "2026-10")).isNull();
        assertThat(velocity(null, PeriodType.DAY, "2026-11-01", "EUR").won()).isEqualTo(1);
    }

    @Test
    void aHandOverMovesTheDealsFiguresToTheNewOwner() {
        start(CompanyPeriods.UTC);
        open("a", "anna", MONDAY);
        move("a", "lead", "qualified", hours(2));
        win("a", "qualified", hours(26), eur("1000.00"));
        assertThat(stage(timeInStage("anna", null, PeriodType.MONTH, "2026-11"), "lead").deals()).isEqualTo(1);

        log.append(new DealHandedOver("a", "anna", "bob", "north", "south", "holiday", hours(30)));

        assertThat(timeInStage("anna", null, PeriodType.MONTH, "2026-11").stages()).isEmpty();
        assertThat(salesCycle("anna", null, PeriodType.MONTH, "2026-11").won()).isZero();
        assertThat(salesCycle("anna", null, PeriodType.MONTH, "2026-11").meanDays()).isNull();
        assertThat(stage(timeInStage("bob", null, PeriodType.MONTH, "2026-11"), "lead").meanSeconds())
                .isEqualTo(2 * HOUR);
        assertThat(salesCycle("bob", MetricKey.NO_SOURCE_CHANNEL, PeriodType.MONTH, "2026-11").meanDays())
                .isCloseTo(26 / 24.0, within(1e-9));
        assertThat(stage(timeInStage(null, null, PeriodType.MONTH, "2026-11"), "lead").deals()).isEqualTo(1);
    }

    @Test
    void aReopenedDealLeavesTheCycleUntilItIsWonAgainAndItsTimeInTheStageAddsUp() {
        start(CompanyPeriods.UTC);
        open("a", "anna", at("2026-11-02T10:00:00Z"));
        move("a", "lead", "qualified", at("2026-11-03T10:00:00Z"));
        win("a", "qualified", at("2026-11-05T10:00:00Z"), eur("1000.00"));
        assertThat(stage(timeInStage(null, null, PeriodType.DAY, "2026-11-05"), "qualified").meanSeconds())
                .isEqualTo(2 * DAY);

        log.append(new DealReopened("a", "sales", "qualified", at("2026-11-06T10:00:00Z")));

        assertThat(salesCycle(null, null, PeriodType.DAY, "2026-11-05").won()).isZero();
        assertThat(velocity(null, PeriodType.DAY, "2026-11-05", "EUR").won()).isZero();
        // the interval closed from stays counted; the reopened one counts once it is completed
        assertThat(stage(timeInStage(null, null, PeriodType.DAY, "2026-11-05"), "qualified").meanSeconds())
                .isEqualTo(2 * DAY);

        win("a", "qualified", at("2026-11-09T10:00:00Z"), eur("1000.00"));

        assertThat(timeInStage(null, null, PeriodType.DAY, "2026-11-05").stages()).isEmpty();
        assertThat(stage(timeInStage(null, null, PeriodType.DAY, "2026-11-09"), "qualified").meanSeconds())
                .isEqualTo(5 * DAY);
        // from the opening to the latest win
        assertThat(salesCycle(null, null, PeriodType.DAY, "2026-11-09").meanDays()).isEqualTo(7.0);
        assertThat(salesCycle(null, null, PeriodType.MONTH, "2026-11").won()).isEqualTo(1);
    }

    @Test
    void aTransferredDealKeepsItsTimeInTheStagesOfThePipelineItLeft() {
        start(CompanyPeriods.UTC);
        open("a", "anna", MONDAY);
        move("a", "lead", "qualified", hours(2));
        log.append(new DealTransferred("a", "sales", "qualified", "legal", "review", hours(5)));
        log.append(new DealWon("a", "legal", "review", eur("1000.00"), hours(29)));

        TimeInStage sales = timeInStage(null, null, PeriodType.DAY, "2026-11-16");
        assertThat(sales.stages()).extracting(StageTime::stageId).containsExactly("lead", "qualified");
        assertThat(stage(sales, "qualified").meanSeconds()).isEqualTo(3 * HOUR);
        KeyValueStore<String, TimeInStageSketches> store = driver.getKeyValueStore(VelocityTopology.TIME_IN_STAGE_STORE);
        TimeInStage legal = store.get(new MetricKey("legal", null, null, PeriodType.DAY, "2026-11-17").asString())
                .metric();
        assertThat(stage(legal, "review").meanSeconds()).isEqualTo(24 * HOUR);
        // won in legal, counted from its opening in sales
        KeyValueStore<String, SalesCycleSketch> cycles = driver.getKeyValueStore(VelocityTopology.SALES_CYCLE_STORE);
        assertThat(cycles.get(new MetricKey("legal", null, null, PeriodType.DAY, "2026-11-17").asString()).metric()
                .meanDays()).isCloseTo(29 / 24.0, within(1e-9));
        assertThat(salesCycle(null, null, PeriodType.DAY, "2026-11-17")).isNull();
    }

    @Test
    void theOpenDealsOfAStageCarryWhenTheyEnteredItOnAverage() {
        start(CompanyPeriods.UTC);
        open("x", "anna", MONDAY);
        open("y", "bob", hours(2));
        assertThat(stageAge(null).stages()).containsExactly(new StageOpenDeals("lead", 2, hours(1)));

        move("x", "lead", "qualified", hours(3));
        assertThat(stageAge(null).stages()).containsExactly(new StageOpenDeals("lead", 1, hours(2)),
                new StageOpenDeals("qualified", 1, hours(3)));
        assertThat(stageAge(null).stages().get(0).averageAgeAt(hours(5))).isEqualTo(Duration.ofHours(3));

        lose("y", "lead", hours(4));
        assertThat(stageAge(null).stages()).containsExactly(new StageOpenDeals("qualified", 1, hours(3)));
        assertThat(stageAge("bob").stages()).isEmpty();
    }

    private void start(CompanyPeriods periods) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "velocity-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        // the driver commits after every record; in-memory stores spare a RocksDB flush per store each time
        config.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
        new VelocityTopology(periods, Stores::inMemoryKeyValueStore)
                .buildTopology(DealTables.from(PipelineEvents.stream(builder)));
        driver = new TopologyTestDriver(builder.build(), config);
        log = new EventLog(driver);
    }

    private static Instant hours(long hours) {
        return MONDAY.plus(Duration.ofHours(hours));
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    private EventEnvelope<DealOpened> open(String dealId, String ownerId, Instant at) {
        return open(dealId, ownerId, at, eur("1000.00"));
    }

    private EventEnvelope<DealOpened> open(String dealId, String ownerId, Instant at, Money amount) {
        return log.append(new DealOpened(dealId, "sales", "lead", "Deal " + dealId, ownerId, "north", amount, at));
    }

    private EventEnvelope<DealMovedToStage> move(String dealId, String from, String to, Instant at) {
        return log.append(new DealMovedToStage(dealId, "sales", from, to, at));
    }

    private EventEnvelope<DealWon> win(String dealId, String stageId, Instant at, Money amount) {
        return log.append(new DealWon(dealId, "sales", stageId, amount, at));
    }

    private void openAndWin(String dealId, String openedAt, String wonAt) {
        open(dealId, "anna", at(openedAt));
        win(dealId, "lead", at(wonAt), eur("1000.00"));
    }

    private EventEnvelope<? extends DomainEvent> lose(String dealId, String stageId, Instant at) {
        return log.append(new DealLost(dealId, "sales", stageId, "Price", null, at));
    }

    private TimeInStage timeInStage(String ownerId, String channel, PeriodType type, String period) {
        KeyValueStore<String, TimeInStageSketches> store = driver.getKeyValueStore(VelocityTopology.TIME_IN_STAGE_STORE);
        TimeInStageSketches sketches = store.get(new MetricKey("sales", ownerId, channel, type, period).asString());
        return sketches == null ? null : sketches.metric();
    }

    private SalesCycle salesCycle(String ownerId, String channel, PeriodType type, String period) {
        KeyValueStore<String, SalesCycleSketch> store = driver.getKeyValueStore(VelocityTopology.SALES_CYCLE_STORE);
        SalesCycleSketch sketch = store.get(new MetricKey("sales", ownerId, channel, type, period).asString());
        return sketch == null ? null : sketch.metric();
    }

    private SalesVelocity velocity(String ownerId, PeriodType type, String period, String currency) {
        KeyValueStore<String, VelocityFigures> store = driver.getKeyValueStore(VelocityTopology.VELOCITY_STORE);
        VelocityFigures figures = store.get(SalesVelocity.key(new MetricKey("sales", ownerId, null, type, period),
                currency));
        return figures == null ? null : figures.metric();
    }

    private StageAge stageAge(String ownerId) {
        KeyValueStore<String, OpenStageCounts> store = driver.getKeyValueStore(VelocityTopology.STAGE_AGE_STORE);
        return store.get(StageAge.key("sales", ownerId, null)).metric();
    }

    private static StageTime stage(TimeInStage figures, String stageId) {
        return figures.stages().stream().filter(stage -> stage.stageId().equals(stageId)).findFirst().orElseThrow();
    }

    private TestOutputTopic<String, TimeInStage> timeInStageTopic() {
        return output(Topics.METRICS_TIME_IN_STAGE, TimeInStage.class);
    }

    private <V> TestOutputTopic<String, V> output(String topic, Class<V> type) {
        return driver.createOutputTopic(topic, Serdes.String().deserializer(), JsonSerde.of(type).deserializer());
    }
}
