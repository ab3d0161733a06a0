package dev.salespipeline.analytics.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.salespipeline.analytics.EventLog;
import dev.salespipeline.analytics.deal.DealTables;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.serde.PipelineEvents;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.deal.DealDetails;
import dev.salespipeline.api.deal.DealDetailsEdited;
import dev.salespipeline.api.deal.DealLost;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealWon;
import dev.salespipeline.api.deal.ExpectedCloseDateChanged;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.deal.ProbabilityOverridden;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.PaymentPlan;
import dev.salespipeline.api.metrics.PaymentPlanDeal;
import dev.salespipeline.api.metrics.PaymentPlanTotal;
import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.metrics.PipelineCoverage;
import dev.salespipeline.api.metrics.WeightedPipeline;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.StageDefinition;
import dev.salespipeline.api.pipeline.StageSettingsChanged;
import dev.salespipeline.api.target.SalesTargetChanged;
import dev.salespipeline.api.target.SalesTargetIds;
import dev.salespipeline.api.target.SalesTargetSet;
import dev.salespipeline.api.target.SalesTargetWithdrawn;
import dev.salespipeline.api.target.SubjectType;
import dev.salespipeline.api.target.TargetPeriod;

class ForecastTopologyTest {

    /** Monday 16 November 2026, 09:00 UTC: business time of the deals' events unless a test says otherwise. */
    private static final Instant MONDAY = Instant.parse("2026-11-16T09:00:00Z");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final String Q1_2027_ANNA = SalesTargetIds.of("sales", SubjectType.OWNER, "anna",
            TargetPeriod.quarter(2027, 1));

    private TopologyTestDriver driver;
    private EventLog log;
    private Instant clock;
    private Outputs<WeightedPipeline> weighted;
    private Outputs<PaymentPlan> plans;
    private Outputs<PipelineCoverage> coverage;

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    // weighted pipeline

    @Test
    void weightedPipelineTakesTheOverrideElseTheStageProbabilityPerCurrency() {
        start(CompanyPeriods.UTC, MONDAY);
        openBook();

        // a: 1000 EUR x lead 10 % = 100; b: 2000 EUR x override 80 % (its stage, proposal, says 50 %) = 1600
        assertWeighted(row(null, null, PeriodType.MONTH, "2026-12", "EUR"), 2, "3000.00", "1700.00");
        assertWeighted(row("anna", null, PeriodType.MONTH, "2026-12", "EUR"), 2, "3000.00", "1700.00");
        assertWeighted(row("anna", "-", PeriodType.DAY, "2026-12-20", "EUR"), 1, "2000.00", "1600.00");
        assertWeighted(row(null, "referral", PeriodType.MONTH, "2026-12", "EUR"), 1, "1000.00", "100.00");
        // c: 500 USD x qualified 30 % = 150, in a row of its own
        assertWeighted(row(null, null, PeriodType.WEEK, "2026-W49", "USD"), 1, "500.00", "150.00");
        assertWeighted(row("bob", null, PeriodType.QUARTER, "2026-Q4", "USD"), 1, "500.00", "150.00");
        // d has no expected close date: 400 EUR x lead 10 % = 40, in the "none" row of every period type
        assertWeighted(row(null, null, PeriodType.QUARTER, WeightedPipeline.NO_DATE, "EUR"), 1, "400.00", "40.00");
        assertWeighted(row("bob", null, PeriodType.DAY, WeightedPipeline.NO_DATE, "EUR"), 1, "400.00", "40.00");
        assertWeighted(row(null, null, PeriodType.QUARTER, "2026-Q4", "EUR"), 2, "3000.00", "1700.00");
    }

    @Test
    void aChangedStageProbabilityReweightsAtOnceWithoutADealEvent() {
        start(CompanyPeriods.UTC, MONDAY);
        openBook();
        weighted.readAll();

        log.append(new StageSettingsChanged("sales", "lead", 20, null, null, MONDAY.plusSeconds(3600)));
        List<String> rewritten = weighted.readAll().stream().map(TestRecord::key).toList();

        // a: 1000 x 20 % = 200; b keeps its override, 1600; d (no date) 400 x 20 % = 80
        assertWeighted(row(null, null, PeriodType.MONTH, "2026-12", "EUR"), 2, "3000.00", "1800.00");
        assertWeighted(row(null, null, PeriodType.MONTH, WeightedPipeline.NO_DATE, "EUR"), 1, "400.00", "80.00");
        // c is in qualified, whose probability did not change: its row is not written again
        assertThat(rewritten).contains(row(null, null, PeriodType.MONTH, "2026-12", "EUR"))
                .noneMatch(key -> key.endsWith("|USD"));

        // b's override cleared: it follows proposal, 50 %: 2000 x 50 % = 1000; 200 + 1000 = 1200
        append("b", new ProbabilityOverridden("b", 80, null, MONDAY.plusSeconds(7200)));
        assertWeighted(row(null, null, PeriodType.MONTH, "2026-12", "EUR"), 2, "3000.00", "1200.00");
    }

    @Test
    void aMovedExpectedCloseDateMovesTheDealBetweenPeriods() {
        start(CompanyPeriods.UTC, MONDAY);
        openBook();

        append("a", new ExpectedCloseDateChanged("a", LocalDate.parse("2026-12-10"), LocalDate.parse("2027-01-15"),
                MONDAY.plusSeconds(3600)));

        // December keeps b only: 2000, 1600; a (1000, 100) is in January and in 2027-Q1
        assertWeighted(row(null, null, PeriodType.MONTH, "2026-12", "EUR"), 1, "2000.00", "1600.00");
        assertWeighted(row(null, null, PeriodType.MONTH, "2027-01", "EUR"), 1, "1000.00", "100.00");
        assertWeighted(row(null, null, PeriodType.QUARTER, "2026-Q4", "EUR"), 1, "2000.00", "1600.00");
        assertWeighted(row(null, null, PeriodType.QUARTER, "2027-Q1", "EUR"), 1, "1000.00", "100.00");
        assertWeighted(row(null, null, PeriodType.DAY, "2026-12-10", "EUR"), 0, "0.00", "0.00");

        // the date given to d takes it out of the "none" row
        append("d", new ExpectedCloseDateChanged("d", null, LocalDate.parse("2027-01-20"), MONDAY.plusSeconds(7200)));
        assertWeighted(row(null, null, PeriodType.MONTH, WeightedPipeline.NO_DATE, "EUR"), 0, "0.00", "0.00");
        // January: a 1000 + d 400 = 1400, weighted 100 + 40 = 140
        assertWeighted(row(null, null, PeriodType.MONTH, "2027-01", "EUR"), 2, "1400.00", "140.00");
    }

    @Test
    void wonAndLostDealsLeaveThePipeline() {
        start(CompanyPeriods.UTC, MONDAY);
        openBook();

        append("b", new DealWon("b", "sales", "proposal", eur("2000.00"), MONDAY.plusSeconds(3600)));
        append("c", new DealLost("c", "sales", "qualified", "Price", null, MONDAY.plusSeconds(3600)));

        // a alone is left in December: 1000, 100
        assertWeighted(row(null, null, PeriodType.MONTH, "2026-12", "EUR"), 1, "1000.00", "100.00");
        assertWeighted(row("anna", null, PeriodType.MONTH, "2026-12", "EUR"), 1, "1000.00", "100.00");
        assertWeighted(row(null, null, PeriodType.MONTH, "2026-12", "USD"), 0, "0.00", "0.00");
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        start(CompanyPeriods.UTC, MONDAY);
        EventEnvelope<?> opened = openBook();
        EventEnvelope<?> override = lastOverride;
        EventEnvelope<?> target = log.append(target(Q1_2027_ANNA, "anna", TargetPeriod.quarter(2027, 1), "10000.00",
                MONDAY));
        weighted.readAll();
        plans.readAll();
        coverage.readAll();

        log.redeliver(opened);
        log.redeliver(override);
        log.redeliver(target);
        driver.advanceWallClockTime(Duration.ofMinutes(2));

        assertThat(weighted.readAll()).isEmpty();
        assertThat(plans.readAll()).isEmpty();
        assertThat(coverage.readAll()).isEmpty();
    }

    // payment plan

    @Test
    void thePaymentPlanRollsAtTheCompanysMidnightWithoutAnyEvent() {
        // Wednesday 18 November 2026, 19:00 in Tokyo (10:00 UTC)
        start(new CompanyPeriods(TOKYO), Instant.parse("2026-11-18T10:00:00Z"));
        define();
        planDeal("p1", "anna", eur("1000.00"), "lead", "2026-11-19");
        planDeal("p2", "anna", eur("2000.00"), "proposal", "2026-11-21");
        planDeal("p3", "bob", Money.of("300.00", "USD"), "lead", "2026-11-23");
        planDeal("p4", "bob", eur("500.00"), "lead", "2026-11-18");

        PaymentPlan wednesday = plans.latest(PaymentPlan.key("sales", null));
        assertThat(wednesday.today()).isEqualTo(LocalDate.parse("2026-11-18"));
        assertThat(wednesday.tomorrow()).isEqualTo(LocalDate.parse("2026-11-19"));
        assertThat(wednesday.weekEnd()).isEqualTo(LocalDate.parse("2026-11-22"));
        // tomorrow: p1, 1000 x 10 % = 100
        assertThat(wednesday.tomorrowTotals()).containsExactly(total("EUR", 1, "1000.00", "100.00"));
        // this week, 18 to 22 November: p4 500 x 10 % = 50, p1 100, p2 2000 x 50 % = 1000: 3500, 1150
        assertThat(wednesday.thisWeekTotals()).containsExactly(total("EUR", 3, "3500.00", "1150.00"));
        assertThat(wednesday.deals()).extracting(PaymentPlanDeal::dealId).containsExactly("p4", "p1", "p2");
        assertThat(plans.latest(PaymentPlan.key("sales", "bob")).thisWeekTotals())
                .containsExactly(total("EUR", 1, "500.00", "50.00"));

        // 23:59 in Tokyo: still Wednesday, nothing is written
        plans.readAll();
        advanceTo(Instant.parse("2026-11-18T14:59:00Z"));
        assertThat(plans.readAll()).isEmpty();

        // 00:01 on Thursday in Tokyo (still Wednesday in UTC): the plan rolls by itself
        advanceTo(Instant.parse("2026-11-18T15:01:00Z"));
        PaymentPlan thursday = plans.latest(PaymentPlan.key("sales", null));
        assertThat(thursday.today()).isEqualTo(LocalDate.parse("2026-11-19"));
        // nothing tomorrow (20 November); this week, 19 to 22: p1 and p2, 3000, 1100; p4 is overdue and out
        assertThat(thursday.tomorrowTotals()).isEmpty();
        assertThat(thursday.thisWeekTotals()).containsExactly(total("EUR", 2, "3000.00", "1100.00"));
        assertThat(thursday.deals()).extracting(PaymentPlanDeal::dealId).containsExactly("p1", "p2");
        assertThat(plans.latest(PaymentPlan.key("sales", "bob")).deals()).isEmpty();

        // Sunday 22 November in Tokyo: the week ends today, tomorrow is next Monday with p3, 300 x 10 % = 30 USD
        advanceTo(Instant.parse("2026-11-21T15:01:00Z"));
        PaymentPlan sunday = plans.latest(PaymentPlan.key("sales", "bob"));
        assertThat(sunday.tomorrow()).isEqualTo(LocalDate.parse("2026-11-23"));
        assertThat(sunday.weekEnd()).isEqualTo(LocalDate.parse("2026-11-22"));
        assertThat(sunday.tomorrowTotals()).containsExactly(total("USD", 1, "300.00", "30.00"));
        assertThat(sunday.thisWeekTotals()).isEmpty();
        assertThat(plans.latest(PaymentPlan.key("sales", "anna")).deals()).isEmpty();
    }

    @Test
    void aDealWonOrMovedOutOfTheWeekLeavesThePaymentPlan() {
        start(CompanyPeriods.UTC, Instant.parse("2026-11-18T10:00:00Z"));
        define();
        planDeal("p1", "anna", eur("1000.00"), "lead", "2026-11-19");
        planDeal("p2", "anna", eur("2000.00"), "proposal", "2026-11-21");

        append("p1", new DealWon("p1", "sales", "lead", eur("1000.00"), MONDAY.plusSeconds(3600)));
        append("p2", new ExpectedCloseDateChanged("p2", LocalDate.parse("2026-11-21"), LocalDate.parse("2026-12-01"),
                MONDAY.plusSeconds(3600)));

        PaymentPlan plan = plans.latest(PaymentPlan.key("sales", "anna"));
        assertThat(plan.tomorrowTotals()).isEmpty();
        assertThat(plan.thisWeekTotals()).isEmpty();
        assertThat(plan.deals()).isEmpty();
    }

    // coverage

    @Test
    void aNinetyDayCycleAndATwentyPercentWinRateOverANinetyDayQuarterRequireExactlyFive() {
        start(CompanyPeriods.UTC, MONDAY);
        define();
        // five deals of anna, each closed exactly 90 days after its opening: one won, four lost
        Instant openedAt = Instant.parse("2026-06-01T09:00:00Z");
        Instant closedAt = openedAt.plus(Duration.ofDays(90));
        for (String dealId : List.of("w", "l1", "l2", "l3", "l4")) {
            append(dealId, new DealOpened(dealId, "sales", "lead", "Deal " + dealId, "anna", "north", eur("1000.00"),
                    openedAt));
        }
        append("w", new DealWon("w", "sales", "lead", eur("1000.00"), closedAt));
        for (String dealId : List.of("l1", "l2", "l3", "l4")) {
            append(dealId, new DealLost(dealId, "sales", "lead", "Price", null, closedAt));
        }
        // 2027-Q1: January 31 + February 28 + March 31 = 90 days
        log.append(target(Q1_2027_ANNA, "anna", TargetPeriod.quarter(2027, 1), "10000.00", MONDAY));

        PipelineCoverage q1 = coverage.latest(PipelineCoverage.key("sales", PeriodType.QUARTER, "2027-Q1",
                SubjectType.OWNER, "anna"));

        assertThat(q1.daysInPeriod()).isEqualTo(90);
        assertThat(q1.closedDeals()).isEqualTo(5);
        assertThat(q1.wonDeals()).isEqualTo(1);
        assertThat(q1.winRate()).isEqualTo(0.2);
        assertThat(q1.averageCycleDays()).isEqualTo(90.0);
        // (1 / 0.2) x (90 / 90) = 5, exactly
        assertThat(q1.requiredCoverage()).isEqualTo(5.0);
        // the team's deals are the same five, but the team has no target: no row
        assertThat(coverage.latest(PipelineCoverage.key("sales", PeriodType.QUARTER, "2027-Q1", SubjectType.TEAM,
                "north"))).isNull();
    }

    @Test
    void actualCoverageIsTheOpenPipelineOfThePeriodOverTheTargetStillToWin() {
        start(new CompanyPeriods(BERLIN), MONDAY);
        define();
        openWithDate("o1", "anna", eur("4000.00"), "2027-02-10");
        openWithDate("o2", "anna", eur("2000.00"), "2027-03-31");
        openWithDate("o3", "anna", eur("1000.00"), "2027-04-01");
        openWithDate("o4", "anna", Money.of("5000.00", "USD"), "2027-02-01");
        openWithDate("o5", "bob", eur("9000.00"), "2027-02-01");
        log.append(target(Q1_2027_ANNA, "anna", TargetPeriod.quarter(2027, 1), "10000.00", MONDAY));
        log.append(new SalesTargetSet(
                SalesTargetIds.of("sales", SubjectType.TEAM, "north", TargetPeriod.quarter(2027, 1)),
                "sales", SubjectType.TEAM, "north", "north", TargetPeriod.quarter(2027, 1), eur("30000.00"), MONDAY));
        String key = PipelineCoverage.key("sales", PeriodType.QUARTER, "2027-Q1", SubjectType.OWNER, "anna");
        String teamKey = PipelineCoverage.key("sales", PeriodType.QUARTER, "2027-Q1", SubjectType.TEAM, "north");

        // the team's deals are anna's and bob's: o1 4000 + o2 2000 + o5 9000 = 15000 of 30000
        PipelineCoverage team = coverage.latest(teamKey);
        assertThat(team.ownerId()).isNull();
        assertThat(team.openPipeline()).isEqualByComparingTo("15000");
        assertThat(team.actualCoverage()).isEqualTo(0.5);

        // open in Q1 and in EUR: o1 4000 + o2 2000 = 6000 (o3 is in Q2, o4 in USD, o5 is bob's); 6000 / 10000
        PipelineCoverage before = coverage.latest(key);
        assertThat(before.target()).isEqualByComparingTo("10000");
        assertThat(before.daysInPeriod()).isEqualTo(90);
        assertThat(before.openPipeline()).isEqualByComparingTo("6000");
        assertThat(before.remaining()).isEqualByComparingTo("10000");
        assertThat(before.actualCoverage()).isEqualTo(0.6);
        assertThat(before.requiredCoverage()).isNull();

        // o1 won at 00:30 on 1 January 2027 in Berlin (23:30 UTC on New Year's Eve): a win in Q1
        append("o1", new DealWon("o1", "sales", "lead", eur("4000.00"), Instant.parse("2026-12-31T23:30:00Z")));

        // won 4000, remaining 10000 - 4000 = 6000, open o2 2000: 2000 / 6000 = 1/3
        PipelineCoverage after = coverage.latest(key);
        assertThat(after.wonInPeriod()).isEqualByComparingTo("4000");
        assertThat(after.remaining()).isEqualByComparingTo("6000");
        assertThat(after.openPipeline()).isEqualByComparingTo("2000");
        assertThat(after.actualCoverage()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(after.winRate()).isEqualTo(1.0);
        // the team: won 4000, remaining 26000, open o2 2000 + o5 9000 = 11000: 11000 / 26000
        assertThat(coverage.latest(teamKey).actualCoverage()).isCloseTo(11.0 / 26, within(1e-12));

        // the target lowered to 3000: already met (remaining 3000 - 4000 = -1000), no actual coverage
        log.append(new SalesTargetChanged(Q1_2027_ANNA, eur("10000.00"), eur("3000.00"), MONDAY.plusSeconds(60)));
        PipelineCoverage met = coverage.latest(key);
        assertThat(met.target()).isEqualByComparingTo("3000");
        assertThat(met.remaining()).isEqualByComparingTo("-1000");
        assertThat(met.actualCoverage()).isNull();
    }

    @Test
    void aWithdrawnTargetTombstonesItsCoverage() {
        start(CompanyPeriods.UTC, MONDAY);
        define();
        openWithDate("o1", "anna", eur("4000.00"), "2027-02-10");
        log.append(target(Q1_2027_ANNA, "anna", TargetPeriod.quarter(2027, 1), "10000.00", MONDAY));
        String key = PipelineCoverage.key("sales", PeriodType.QUARTER, "2027-Q1", SubjectType.OWNER, "anna");
        assertThat(coverage.latest(key)).isNotNull();

        log.append(new SalesTargetWithdrawn(Q1_2027_ANNA, "reorganised", MONDAY.plusSeconds(60)));

        List<TestRecord<String, PipelineCoverage>> written = coverage.readAll();
        assertThat(written).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(key);
            assertThat(record.value()).isNull();
        });
        // a later deal of anna writes nothing for the withdrawn target
        openWithDate("o2", "anna", eur("1000.00"), "2027-02-11");
        assertThat(coverage.readAll()).isEmpty();
    }

    // the book, the driver and its wall clock

    private EventEnvelope<?> lastOverride;

    /**
     * a: anna, 1000 EUR, lead (10 %), channel referral, expected 10 December; b: anna, 2000 EUR, proposal (50 %)
     * with an 80 % override, expected 20 December; c: bob, 500 USD, qualified (30 %), expected 5 December; d: bob,
     * 400 EUR, lead, no expected close date. Returns a's opening.
     */
    private EventEnvelope<?> openBook() {
        define();
        EventEnvelope<?> opened = append("a", new DealOpened("a", "sales", "lead", "Deal a", "anna", "north",
                eur("1000.00"), MONDAY));
        append("a", new DealDetailsEdited("a", new DealDetails("Deal a", null, null, null),
                new DealDetails("Deal a", null, "referral", null), MONDAY));
        append("a", new ExpectedCloseDateChanged("a", null, LocalDate.parse("2026-12-10"), MONDAY));
        append("b", new DealOpened("b", "sales", "lead", "Deal b", "anna", "north", eur("2000.00"), MONDAY));
        append("b", new DealMovedToStage("b", "sales", "lead", "proposal", MONDAY));
        append("b", new ExpectedCloseDateChanged("b", null, LocalDate.parse("2026-12-20"), MONDAY));
        lastOverride = append("b", new ProbabilityOverridden("b", null, 80, MONDAY));
        append("c", new DealOpened("c", "sales", "qualified", "Deal c", "bob", "south", Money.of("500.00", "USD"),
                MONDAY));
        append("c", new ExpectedCloseDateChanged("c", null, LocalDate.parse("2026-12-05"), MONDAY));
        append("d", new DealOpened("d", "sales", "lead", "Deal d", "bob", "south", eur("400.00"), MONDAY));
        return opened;
    }

    private void define() {
        log.append(new PipelineDefined("sales", "Sales", List.of(
                new StageDefinition("lead", "Lead", 10, null, null),
                new StageDefinition("qualified", "Qualified", 30, null, null),
                new StageDefinition("proposal", "Proposal sent", 50, null, null)),
                Duration.ofDays(14), List.of("Price"), MONDAY.minusSeconds(3600)));
    }

    private void planDeal(String dealId, String ownerId, Money amount, String stageId, String expected) {
        append(dealId, new DealOpened(dealId, "sales", stageId, "Deal " + dealId, ownerId, "north", amount, MONDAY));
        append(dealId, new ExpectedCloseDateChanged(dealId, null, LocalDate.parse(expected), MONDAY));
    }

    private void openWithDate(String dealId, String ownerId, Money amount, String expected) {
        planDeal(dealId, ownerId, amount, "lead", expected);
    }

    private static SalesTargetSet target(String targetId, String ownerId, TargetPeriod period, String amount,
                                         Instant at) {
        return new SalesTargetSet(targetId, "sales", SubjectType.OWNER, ownerId, "north", period, eur(amount), at);
    }

    private <E extends DomainEvent> EventEnvelope<E> append(String dealId, E event) {
        assertThat(event.aggregateId()).isEqualTo(dealId);
        return log.append(event);
    }

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    private static PaymentPlanTotal total(String currency, long deals, String amount, String weighted) {
        return new PaymentPlanTotal(currency, deals, new BigDecimal(amount), new BigDecimal(weighted));
    }

    private static String row(String ownerId, String channel, PeriodType type, String period, String currency) {
        return WeightedPipeline.key(new MetricKey("sales", ownerId, channel, type, period), currency);
    }

    private void assertWeighted(String key, long deals, String amount, String weightedAmount) {
        WeightedPipeline row = weighted.latest(key);
        assertThat(row).as(key).isNotNull();
        assertThat(row.openDeals()).as(key).isEqualTo(deals);
        assertThat(row.amount()).as(key).isEqualTo(new BigDecimal(amount));
        assertThat(row.weightedAmount()).as(key).isEqualTo(new BigDecimal(weightedAmount));
    }

    private void start(CompanyPeriods periods, Instant wallClock) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "forecast-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
        var events = PipelineEvents.stream(builder);
        new ForecastTopology(periods, Duration.ofMinutes(1), Stores::inMemoryKeyValueStore)
                .buildTopology(events, DealTables.from(events));
        driver = new TopologyTestDriver(builder.build(), config, wallClock);
        log = new EventLog(driver);
        clock = wallClock;
        weighted = new Outputs<>(driver, Topics.METRICS_WEIGHTED_PIPELINE, WeightedPipeline.class);
        plans = new Outputs<>(driver, Topics.METRICS_PAYMENT_PLAN, PaymentPlan.class);
        coverage = new Outputs<>(driver, Topics.METRICS_COVERAGE, PipelineCoverage.class);
    }

    /** Moves the wall clock to the instant, which runs the payment plan's check when a minute has passed. */
    private void advanceTo(Instant instant) {
        assertThat(instant).isAfterOrEqualTo(clock);
        driver.advanceWallClockTime(Duration.between(clock, instant));
        clock = instant;
    }

    /** A compacted output topic: every record written, and the latest value of each key. */
    private static final class Outputs<V> {
        private final TestOutputTopic<String, V> topic;
        private final Map<String, V> latest = new HashMap<>();

        Outputs(TopologyTestDriver driver, String name, Class<V> type) {
            topic = driver.createOutputTopic(name, Serdes.String().deserializer(), JsonSerde.of(type).deserializer());
        }

        /** The records written since the last read. */
        List<TestRecord<String, V>> readAll() {
            List<TestRecord<String, V>> records = topic.readRecordsToList();
            records.forEach(record -> {
                latest.put(record.key(), record.value());
            });
            return records;
        }

        V latest(String key) {
            readAll();
            return latest.get(key);
        }
    }
}
