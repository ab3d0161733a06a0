package dev.salespipeline.analytics.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.salespipeline.analytics.EventLog;
import dev.salespipeline.analytics.deal.DealState;
import dev.salespipeline.analytics.deal.DealStateTable;
import dev.salespipeline.analytics.deal.DealTables;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.serde.PipelineEvents;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.deal.ClientInfo;
import dev.salespipeline.api.deal.DealDetails;
import dev.salespipeline.api.deal.DealDetailsEdited;
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
import dev.salespipeline.api.metrics.StageConversion;
import dev.salespipeline.api.metrics.StageReach;
import dev.salespipeline.api.metrics.WinRate;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.StageDefinition;
import dev.salespipeline.api.pipeline.StageRenamed;
import dev.salespipeline.api.pipeline.StagesReordered;

class ConversionTopologyTest {

    /** Monday 16 November 2026, 09:00 UTC. */
    private static final Instant MONDAY = Instant.parse("2026-11-16T09:00:00Z");
    private static final Instant PIPELINE_DEFINED = Instant.parse("2026-01-05T09:00:00Z");

    private TopologyTestDriver driver;
    private EventLog log;

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void aDealThatSkipsAStageHasReachedIt() {
        start(CompanyPeriods.UTC);
        definePipeline("lead", "qualified", "proposal", "negotiation");
        open("deal-1", "anna", MONDAY);
        move("deal-1", "lead", "proposal", MONDAY.plus(Duration.ofHours(2)));

        StageConversion november = conversion("sales", null, null, PeriodType.MONTH, "2026-11");

        assertThat(november.opened()).isEqualTo(1);
        assertThat(reach(november, "qualified").reached()).isEqualTo(1);
        assertThat(reach(november, "qualified").entered()).isZero();
        assertThat(reach(november, "proposal").reached()).isEqualTo(1);
        assertThat(reach(november, "proposal").entered()).isEqualTo(1);
        assertThat(reach(november, "negotiation").reached()).isZero();
        assertThat(reach(november, "lead").conversionToNext()).isEqualTo(1.0);
        assertThat(reach(november, "proposal").conversionToNext()).isEqualTo(0.0);
        assertThat(reach(november, "negotiation").conversionToNext()).isNull();
    }

    @Test
    void aDealThatReturnsToAStageIsCountedOnceInReached() {
        start(CompanyPeriods.UTC);
        definePipeline("lead", "qualified", "proposal", "negotiation");
        open("deal-1", "anna", MONDAY);
        move("deal-1", "lead", "qualified", MONDAY.plus(Duration.ofHours(1)));
        move("deal-1", "qualified", "lead", MONDAY.plus(Duration.ofHours(2)));
        move("deal-1", "lead", "qualified", MONDAY.plus(Duration.ofHours(3)));

        StageConversion week = conversion("sales", null, null, PeriodType.WEEK, "2026-W47");

        assertThat(week.opened()).isEqualTo(1);
        assertThat(reach(week, "lead").reached()).isEqualTo(1);
        assertThat(reach(week, "lead").entered()).isEqualTo(1);
        assertThat(reach(week, "qualified").reached()).isEqualTo(1);
        assertThat(reach(week, "qualified").entered()).isEqualTo(1);
        assertThat(reach(week, "lead").conversionToNext()).isEqualTo(1.0);
    }

    @Test
    void strictConversionOfASmallCohort() {
        start(CompanyPeriods.UTC);
        definePipeline("lead", "qualified", "proposal", "negotiation");
        // a: all the way to a win from proposal; b: lost after qualifying; c: still a lead;
        // d: skipped qualified, now negotiating
        open("a", "anna", MONDAY);
        move("a", "lead", "qualified", MONDAY.plus(Duration.ofHours(1)));
        move("a", "qualified", "proposal", MONDAY.plus(Duration.ofHours(2)));
        win("a", "proposal", MONDAY.plus(Duration.ofDays(3)));
        open("b", "bob", MONDAY);
        move("b", "lead", "qualified", MONDAY.plus(Duration.ofHours(1)));
        lose("b", "qualified", MONDAY.plus(Duration.ofDays(2)));
        open("c", "anna", MONDAY);
        open("d", "anna", MONDAY);
        move("d", "lead", "proposal", MONDAY.plus(Duration.ofHours(1)));
        move("d", "proposal", "negotiation", MONDAY.plus(Duration.ofHours(5)));

        StageConversion all = conversion("sales", null, null, PeriodType.MONTH, "2026-11");

        assertThat(all.opened()).isEqualTo(4);
        assertThat(all.won()).isEqualTo(1);
        assertThat(all.lost()).isEqualTo(1);
        assertThat(all.stages()).extracting(StageReach::stageId)
                .containsExactly("lead", "qualified", "proposal", "negotiation");
        assertThat(all.stages()).extracting(StageReach::reached).containsExactly(4L, 3L, 2L, 2L);
        assertThat(all.stages()).extracting(StageReach::entered).containsExactly(4L, 2L, 2L, 1L);
        // lead -> qualified 3/4, qualified -> proposal 2/3, proposal -> negotiation 2/2, negotiation -> won 1/2
        assertThat(all.stages()).extracting(StageReach::conversionToNext)
                .containsExactly(0.75, 2.0 / 3, 1.0, 0.5);
        assertThat(all.leadToWin()).isEqualTo(0.25);

        StageConversion bobs = conversion("sales", "bob", null, PeriodType.MONTH, "2026-11");
        assertThat(bobs.opened()).isEqualTo(1);
        assertThat(bobs.lost()).isEqualTo(1);
        assertThat(bobs.stages()).extracting(StageReach::reached).containsExactly(1L, 1L, 0L, 0L);
        StageConversion annas = conversion("sales", "anna", MetricKey.NO_SOURCE_CHANNEL, PeriodType.MONTH, "2026-11");
        assertThat(annas.opened()).isEqualTo(3);
        assertThat(annas.leadToWin()).isEqualTo(1.0 / 3);
    }

    @Test
    void winRateCountsDealsClosedInThePeriodAndLeadToWinTheCohortOpenedInIt() {
        start(CompanyPeriods.UTC);
        definePipeline("lead", "qualified", "proposal", "negotiation");
        open("october", "anna", Instant.parse("2026-10-30T10:00:00Z"));
        win("october", "lead", Instant.parse("2026-11-02T10:00:00Z"));
        open("lost-in-november", "anna", Instant.parse("2026-11-03T10:00:00Z"));
        lose("lost-in-november", "lead", Instant.parse("2026-11-05T10:00:00Z"));
        open("won-in-november", "anna", Instant.parse("2026-11-04T10:00:00Z"));
        win("won-in-november", "lead", Instant.parse("2026-11-10T10:00:00Z"));
        open("still-open", "anna", Instant.parse("2026-11-06T10:00:00Z"));

        WinRate november = winRate("sales", null, null, PeriodType.MONTH, "2026-11");
        assertThat(november.won()).isEqualTo(2);
        assertThat(november.lost()).isEqualTo(1);
        assertThat(november.winRate()).isEqualTo(2.0 / 3);
        assertThat(winRate("sales", null, null, PeriodType.MONTH, "2026-10")).isNull();

        assertThat(conversion("sales", null, null, PeriodType.MONTH, "2026-10").leadToWin()).isEqualTo(1.0);
        StageConversion novemberCohort = conversion("sales", null, null, PeriodType.MONTH, "2026-11");
        assertThat(novemberCohort.opened()).isEqualTo(3);
        assertThat(novemberCohort.won()).isEqualTo(1);
        assertThat(novemberCohort.leadToWin()).isEqualTo(1.0 / 3);
        assertThat(conversion("sales", null, null, PeriodType.QUARTER, "2026-Q4").leadToWin()).isEqualTo(0.5);
    }

    @Test
    void aReopenedDealCountsAsOpenUntilItIsClosedAgain() {
        start(CompanyPeriods.UTC);
        definePipeline("lead", "qualified", "proposal", "negotiation");
        open("deal-1", "anna", MONDAY);
        win("deal-1", "lead", MONDAY.plus(Duration.ofDays(1)));
        log.append(new DealReopened("deal-1", "sales", "lead", MONDAY.plus(Duration.ofDays(2))));

        assertThat(winRate("sales", null, null, PeriodType.DAY, "2026-11-17").won()).isZero();
        assertThat(conversion("sales", null, null, PeriodType.DAY, "2026-11-16").won()).isZero();
        assertThat(reach(conversion("sales", null, null, PeriodType.DAY, "2026-11-16"), "qualified").reached())
                .isZero();

        lose("deal-1", "lead", Instant.parse("2026-12-01T10:00:00Z"));

        WinRate december = winRate("sales", null, null, PeriodType.MONTH, "2026-12");
        assertThat(december.lost()).isEqualTo(1);
        assertThat(december.winRate()).isEqualTo(0.0);
        assertThat(conversion("sales", null, null, PeriodType.MONTH, "2026-11").lost()).isEqualTo(1);
    }

    @Test
    void reorderingStagesChangesStrictConversionWithoutNewDealEvents() {
        start(CompanyPeriods.UTC);
        definePipeline("lead", "qualified", "proposal");
        open("x", "anna", MONDAY);
        move("x", "lead", "proposal", MONDAY.plus(Duration.ofHours(1)));
        open("y", "anna", MONDAY);
        move("y", "lead", "qualified", MONDAY.plus(Duration.ofHours(1)));

        StageConversion before = conversion("sales", null, null, PeriodType.MONTH, "2026-11");
        assertThat(before.stages()).extracting(StageReach::reached).containsExactly(2L, 2L, 1L);
        assertThat(before.stages()).extracting(StageReach::conversionToNext).containsExactly(1.0, 0.5, 0.0);
        TestOutputTopic<String, StageConversion> output = conversionTopic();
        output.readRecordsToList();

        log.append(new StagesReordered("sales", List.of("lead", "proposal", "qualified"),
                MONDAY.plus(Duration.ofDays(1))));
        log.append(new StageRenamed("sales", "proposal", "proposal", "Offer made", MONDAY.plus(Duration.ofDays(1))));

        String key = new MetricKey("sales", null, null, PeriodType.MONTH, "2026-11").asString();
        assertThat(output.readKeyValuesToMap()).containsKey(key);
        StageConversion after = conversion("sales", null, null, PeriodType.MONTH, "2026-11");
        assertThat(after.stages()).extracting(StageReach::stageId).containsExactly("lead", "proposal", "qualified");
        assertThat(after.stages()).extracting(StageReach::name).containsExactly("lead", "Offer made", "qualified");
        assertThat(after.stages()).extracting(StageReach::reached).containsExactly(2L, 2L, 1L);
        // x entered proposal but never qualified, which now comes after it
        assertThat(after.stages()).extracting(StageReach::entered).containsExactly(2L, 1L, 1L);
        assertThat(after.stages()).extracting(StageReach::conversionToNext).containsExactly(1.0, 0.5, 0.0);
        assertThat(reach(after, "proposal").reached()).isEqualTo(2);
        assertThat(reach(before, "proposal").reached()).isEqualTo(1);
    }

    @Test
    void cohortsOfAPipelineDefinedLaterAreWorkedOutWhenItsDefinitionArrivesAndAgainOnlyWhenItChanges() {
        start(CompanyPeriods.UTC);
        open("x", "anna", MONDAY);
        move("x", "lead", "qualified", MONDAY.plus(Duration.ofHours(1)));
        TestOutputTopic<String, StageConversion> output = conversionTopic();
        assertThat(output.isEmpty()).as("no definition yet, no row").isTrue();

        EventEnvelope<PipelineDefined> defined = log.append(new PipelineDefined("sales", "Sales",
                List.of(stage("lead"), stage("qualified")), Duration.ofDays(14), List.of("Price"), PIPELINE_DEFINED));

        String month = new MetricKey("sales", null, null, PeriodType.MONTH, "2026-11").asString();
        String annasDay = new MetricKey("sales", "anna", null, PeriodType.DAY, "2026-11-16").asString();
        assertThat(output.readKeyValuesToMap()).containsKeys(month, annasDay);
        assertThat(conversion("sales", null, null, PeriodType.MONTH, "2026-11").stages())
                .extracting(StageReach::reached).containsExactly(1L, 1L);

        log.redeliver(defined);
        assertThat(output.isEmpty()).as("a redelivered definition changes nothing").isTrue();

        open("y", "anna", MONDAY.plus(Duration.ofHours(2)));
        assertThat(conversion("sales", null, null, PeriodType.MONTH, "2026-11").opened()).isEqualTo(2);
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        start(CompanyPeriods.UTC);
        definePipeline("lead", "qualified", "proposal", "negotiation");
        EventEnvelope<DealOpened> opened = open("deal-1", "anna", MONDAY);
        EventEnvelope<DealMovedToStage> qualified = move("deal-1", "lead", "qualified", MONDAY.plusSeconds(60));
        move("deal-1", "qualified", "proposal", MONDAY.plusSeconds(120));
        EventEnvelope<DealWon> won = win("deal-1", "proposal", MONDAY.plusSeconds(180));
        KeyValueStore<String, DealState> deals = driver.getKeyValueStore(DealStateTable.STORE);
        DealState state = deals.get("deal-1");
        StageConversion conversion = conversion("sales", null, null, PeriodType.DAY, "2026-11-16");
        WinRate winRate = winRate("sales", null, null, PeriodType.DAY, "2026-11-16");
        TestOutputTopic<String, StageConversion> conversions = conversionTopic();
        TestOutputTopic<String, WinRate> winRates = winRateTopic();
        conversions.readRecordsToList();
        winRates.readRecordsToList();

        log.redeliver(qualified);
        log.redeliver(opened);
        log.redeliver(won);

        assertThat(deals.get("deal-1")).isEqualTo(state);
        assertThat(state.stageIntervals()).hasSize(3);
        assertThat(conversion("sales", null, null, PeriodType.DAY, "2026-11-16")).isEqualTo(conversion);
        assertThat(winRate("sales", null, null, PeriodType.DAY, "2026-11-16")).isEqualTo(winRate);
        assertThat(conversions.isEmpty()).isTrue();
        assertThat(winRates.isEmpty()).isTrue();
    }

    @Test
    void aHandOverMovesTheDealsContributionToTheNewOwner() {
        start(CompanyPeriods.UTC);
        definePipeline("lead", "qualified", "proposal", "negotiation");
        open("deal-1", "anna", MONDAY);
        win("deal-1", "lead", MONDAY.plus(Duration.ofDays(1)));
        assertThat(conversion("sales", "anna", null, PeriodType.MONTH, "2026-11").won()).isEqualTo(1);

        log.append(new DealHandedOver("deal-1", "anna", "bob", "north", "south", "holiday",
                MONDAY.plus(Duration.ofDays(2))));

        assertThat(conversion("sales", "anna", null, PeriodType.MONTH, "2026-11").opened()).isZero();
        assertThat(winRate("sales", "anna", null, PeriodType.MONTH, "2026-11").won()).isZero();
        assertThat(conversion("sales", "bob", null, PeriodType.MONTH, "2026-11").opened()).isEqualTo(1);
        assertThat(conversion("sales", "bob", null, PeriodType.MONTH, "2026-11").won()).isEqualTo(1);
        assertThat(winRate("sales", "bob", null, PeriodType.MONTH, "2026-11").winRate()).isEqualTo(1.0);
        assertThat(conversion("sales", null, null, PeriodType.MONTH, "2026-11").opened()).isEqualTo(1);
    }

    @Test
    void theSourceChannelCutFollowsTheDealsDetails() {
        start(CompanyPeriods.UTC);
        definePipeline("lead", "qualified", "proposal", "negotiation");
        open("deal-1", "anna", MONDAY);
        assertThat(conversion("sales", null, MetricKey.NO_SOURCE_CHANNEL, PeriodType.MONTH, "2026-11").opened())
                .isEqualTo(1);

        log.append(new DealDetailsEdited("deal-1", new DealDetails("Deal deal-1", ClientInfo.NONE, null, null),
                new DealDetails("Deal deal-1", ClientInfo.NONE, "referral", null), MONDAY.plusSeconds(60)));

        assertThat(conversion("sales", null, MetricKey.NO_SOURCE_CHANNEL, PeriodType.MONTH, "2026-11").opened())
                .isZero();
        assertThat(conversion("sales", "anna", "referral", PeriodType.MONTH, "2026-11").opened()).isEqualTo(1);
    }

    @Test
    void periodsAreCutInTheCompanysTimeZone() {
        start(new CompanyPeriods(ZoneId.of("Europe/Berlin")));
        definePipeline("lead", "qualified", "proposal", "negotiation");
        // Sunday 23:30 in UTC is Monday 00:30 in Berlin
        open("deal-1", "anna", Instant.parse("2026-11-15T23:30:00Z"));

        assertThat(conversion("sales", null, null, PeriodType.DAY, "2026-11-16").opened()).isEqualTo(1);
        assertThat(conversion("sales", null, null, PeriodType.WEEK, "2026-W47").opened()).isEqualTo(1);
        assertThat(conversion("sales", null, null, PeriodType.DAY, "2026-11-15")).isNull();
        assertThat(conversion("sales", null, null, PeriodType.WEEK, "2026-W46")).isNull();
    }

    @Test
    void aTransferredDealKeepsItsJourneyInTheFirstPipelineAndStartsACohortInTheNext() {
        start(CompanyPeriods.UTC);
        definePipeline("lead", "qualified", "proposal", "negotiation");
        log.append(new PipelineDefined("legal", "Legal", List.of(stage("review"), stage("signed")),
                Duration.ofDays(14), List.of("Price"), PIPELINE_DEFINED));
        open("deal-1", "anna", Instant.parse("2026-10-20T10:00:00Z"));
        move("deal-1", "lead", "qualified", Instant.parse("2026-10-21T10:00:00Z"));
        log.append(new DealTransferred("deal-1", "sales", "qualified", "legal", "review",
                Instant.parse("2026-11-02T10:00:00Z")));
        win("deal-1", "review", Instant.parse("2026-11-09T10:00:00Z"), "legal");

        StageConversion sales = conversion("sales", null, null, PeriodType.MONTH, "2026-10");
        assertThat(sales.opened()).isEqualTo(1);
        assertThat(sales.transferredOut()).isEqualTo(1);
        assertThat(sales.won()).isZero();
        assertThat(sales.stages()).extracting(StageReach::reached).containsExactly(1L, 1L, 0L, 0L);
        StageConversion legal = conversion("legal", null, null, PeriodType.MONTH, "2026-11");
        assertThat(legal.opened()).isEqualTo(1);
        assertThat(legal.won()).isEqualTo(1);
        assertThat(legal.stages()).extracting(StageReach::reached).containsExactly(1L, 1L);
        assertThat(winRate("legal", null, null, PeriodType.MONTH, "2026-11").won()).isEqualTo(1);
        assertThat(winRate("sales", null, null, PeriodType.MONTH, "2026-11")).isNull();
    }

    private void start(CompanyPeriods periods) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "conversion-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        // the driver commits after every record; in-memory stores spare a RocksDB flush per store each time
        config.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
        new ConversionTopology(periods).buildTopology(DealTables.from(PipelineEvents.stream(builder)));
        driver = new TopologyTestDriver(builder.build(), config);
        log = new EventLog(driver);
    }

    private void definePipeline(String... stageIds) {
        log.append(new PipelineDefined("sales", "Sales",
                java.util.Arrays.stream(stageIds).map(ConversionTopologyTest::stage).toList(),
                Duration.ofDays(14), List.of("Price"), PIPELINE_DEFINED));
    }

    private static StageDefinition stage(String stageId) {
        return new StageDefinition(stageId, stageId, 20, Duration.ofDays(7), null);
    }

    private EventEnvelope<DealOpened> open(String dealId, String ownerId, Instant at) {
        return log.append(new DealOpened(dealId, "sales", "lead", "Deal " + dealId, ownerId, "north",
                Money.of("1000.00", "EUR"), at));
    }

    private EventEnvelope<DealMovedToStage> move(String dealId, String from, String to, Instant at) {
        return log.append(new DealMovedToStage(dealId, "sales", from, to, at));
    }

    private EventEnvelope<DealWon> win(String dealId, String stageId, Instant at) {
        return win(dealId, stageId, at, "sales");
    }

    private EventEnvelope<DealWon> win(String dealId, String stageId, Instant at, String pipelineId) {
        return log.append(new DealWon(dealId, pipelineId, stageId, Money.of("1000.00", "EUR"), at));
    }

    private void lose(String dealId, String stageId, Instant at) {
        log.append(new DealLost(dealId, "sales", stageId, "Price", null, at));
    }

    private StageConversion conversion(String pipelineId, String ownerId, String channel, PeriodType type,
                                       String period) {
        KeyValueStore<String, StageConversion> store = driver.getKeyValueStore(ConversionTopology.CONVERSION_STORE);
        return store.get(new MetricKey(pipelineId, ownerId, channel, type, period).asString());
    }

    private WinRate winRate(String pipelineId, String ownerId, String channel, PeriodType type, String period) {
        KeyValueStore<String, WinRate> store = driver.getKeyValueStore(ConversionTopology.WIN_RATE_STORE);
        return store.get(new MetricKey(pipelineId, ownerId, channel, type, period).asString());
    }

    private static StageReach reach(StageConversion conversion, String stageId) {
        return conversion.stages().stream().filter(stage -> stage.stageId().equals(stageId)).findFirst()
                .orElseThrow();
    }

    private TestOutputTopic<String, StageConversion> conversionTopic() {
        return driver.createOutputTopic(Topics.METRICS_CONVERSION, Serdes.String().deserializer(),
                JsonSerde.of(StageConversion.class).deserializer());
    }

    private TestOutputTopic<String, WinRate> winRateTopic() {
        return driver.createOutputTopic(Topics.METRICS_WIN_RATE, Serdes.String().deserializer(),
                JsonSerde.of(WinRate.class).deserializer());
    }
}
