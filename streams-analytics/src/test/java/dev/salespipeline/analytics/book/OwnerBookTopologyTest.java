package dev.salespipeline.analytics.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
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
import dev.salespipeline.api.deal.ClientInfo;
import dev.salespipeline.api.deal.DealAmountChanged;
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
import dev.salespipeline.api.deal.TaskCancelled;
import dev.salespipeline.api.deal.TaskCompleted;
import dev.salespipeline.api.deal.TaskRescheduled;
import dev.salespipeline.api.deal.TaskScheduled;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.metrics.DealSize;
import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.OwnerBook;
import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.StageDefinition;
import dev.salespipeline.api.pipeline.StagesReordered;

/**
 * The pipeline "sales": Lead, Qualified, Proposal sent, Negotiation. The wall clock is the driver's and starts
 * on Monday 16 November 2026, 09:00 UTC; events happen at the wall-clock time unless a test says otherwise, and
 * the clock is moved on to run the scans (every minute). Expected figures are worked out by hand in comments.
 */
class OwnerBookTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-16T09:00:00Z");
    private static final String TODAY = "2026-11-16";
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private TopologyTestDriver driver;
    private EventLog log;
    private Instant clock;
    private TestOutputTopic<String, OwnerBook> bookTopic;
    private TestOutputTopic<String, DealSize> sizeTopic;
    private final Map<String, OwnerBook> books = new HashMap<>();
    private final Map<String, DealSize> sizes = new HashMap<>();
    private final List<EventEnvelope<? extends DomainEvent>> published = new ArrayList<>();

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void openDealsWithoutANextActionFollowTheTasksScheduledCompletedAndCancelled() {
        start(CompanyPeriods.UTC, T0);
        open("a", "anna", "lead", eur("1000.00"));
        open("b", "anna", "lead", eur("1000.00"));
        open("c", "bob", "lead", eur("1000.00"));
        // no deal has a task yet
        assertBook("anna", 2, 2, 0);
        assertBook(null, 3, 3, 0);

        schedule("a", "t1", T0.plus(Duration.ofDays(2)));
        assertBook("anna", 2, 1, 0);
        // a second task on the same deal: a still has a next action, b still has none
        schedule("a", "t2", T0.plus(Duration.ofDays(3)));
        assertBook("anna", 2, 1, 0);
        append(new TaskCompleted("a", "t1", clock));
        assertBook("anna", 2, 1, 0);
        // a's last open task cancelled: both without
        append(new TaskCancelled("a", "t2", clock));
        assertBook("anna", 2, 2, 0);

        schedule("b", "t3", T0.plus(Duration.ofDays(2)));
        append(new TaskRescheduled("b", "t3", T0.plus(Duration.ofDays(2)), T0.plus(Duration.ofDays(4)), clock));
        assertBook("anna", 2, 1, 0);
        // all owners: a (anna) and c (bob) without
        assertBook(null, 3, 2, 0);
        assertBook("bob", 1, 1, 0);
    }

    @Test
    void aTaskBecomesOverdueByTheClockAloneAndStopsWhenCompletedOrRescheduledIntoTheFuture() {
        start(CompanyPeriods.UTC, T0);
        open("a", "anna", "lead", eur("1000.00"));
        schedule("a", "t1", T0.plus(Duration.ofHours(1)));
        assertBook("anna", 1, 0, 0);
        assertThat(watched("a")).as("watched until its task comes due").isEqualTo(T0.plus(Duration.ofHours(1)));
        drain();

        // at the due time it has not passed yet: the scan finds nothing changed and writes nothing
        at(T0.plus(Duration.ofHours(1)));
        assertThat(drain()).isEmpty();

        // a minute later, with no event at all, the scan finds it overdue
        Instant overdueAt = T0.plus(Duration.ofHours(1)).plus(MINUTE);
        at(overdueAt);
        List<KeyValue<String, OwnerBook>> rows = drain();
        // anna and all owners, each for all channels and for deals without a channel
        assertThat(rows).extracting(row -> row.key).containsExactlyInAnyOrder(key("anna", TODAY), key(null, TODAY),
                "sales|anna|-|DAY|2026-11-16", "sales|*|-|DAY|2026-11-16");
        assertThat(book("anna")).isEqualTo(new OwnerBook("sales", "anna", null, PeriodType.DAY, TODAY, 1, 0, 1,
                "lead", 1, overdueAt));
        assertThat(watched("a")).as("no task left to come due").isNull();

        // a task scheduled with a due time already past is overdue at once
        schedule("a", "t2", T0.plus(Duration.ofMinutes(30)));
        assertBook("anna", 1, 0, 2);
        // t1 moved to tomorrow: at once no longer overdue
        append(new TaskRescheduled("a", "t1", T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofDays(1)), clock));
        assertBook("anna", 1, 0, 1);
        append(new TaskCompleted("a", "t2", clock));
        assertBook("anna", 1, 0, 0);

        // tomorrow's due time passes: overdue again, by the clock
        at(T0.plus(Duration.ofDays(1)).plus(MINUTE));
        assertThat(book("anna", "2026-11-17").overdueTasks()).isEqualTo(1);

        // a task due this very instant has not passed its due time; a minute on, it has
        schedule("a", "t3", clock);
        assertThat(book("anna", "2026-11-17").overdueTasks()).isEqualTo(1);
        after(MINUTE);
        assertThat(book("anna", "2026-11-17").overdueTasks()).isEqualTo(2);
    }

    @Test
    void theTasksOfClosedDealsDoNotCount() {
        start(CompanyPeriods.UTC, T0);
        open("a", "anna", "lead", eur("1000.00"));
        open("b", "anna", "qualified", eur("1000.00"));
        schedule("a", "t1", T0.plus(Duration.ofMinutes(10)));
        schedule("b", "t2", T0.plus(Duration.ofMinutes(10)));
        at(T0.plus(Duration.ofMinutes(11)));
        assertBook("anna", 2, 0, 2);

        append(new DealLost("a", "sales", "lead", "Price", null, clock));
        assertBook("anna", 1, 0, 1);
        append(new DealWon("b", "sales", "qualified", eur("1000.00"), clock));
        assertThat(book("anna")).isEqualTo(new OwnerBook("sales", "anna", null, PeriodType.DAY, TODAY, 0, 0, 0,
                null, 0, clock));
        assertThat(watched("a")).isNull();
        assertThat(watched("b")).isNull();
        // the scan does not bring them back
        after(Duration.ofHours(1));
        assertThat(book("anna").overdueTasks()).isZero();

        // reopened, a counts again with its task still open and overdue
        append(new DealReopened("a", "sales", "lead", clock));
        assertBook("anna", 1, 0, 1);
    }

    @Test
    void averageWonSizeIsPerPeriodOfTheWinAndPerCurrency() {
        start(CompanyPeriods.UTC, T0);
        openAt("w1", "anna", eur("1000.00"), Instant.parse("2026-10-20T10:00:00Z"));
        openAt("w2", "anna", eur("3000.00"), Instant.parse("2026-10-21T10:00:00Z"));
        openAt("w3", "anna", Money.of("500.00", "USD"), Instant.parse("2026-10-22T10:00:00Z"));
        openAt("w4", "bob", eur("2500.00"), Instant.parse("2026-10-23T10:00:00Z"));
        append(new DealWon("w1", "sales", "lead", eur("1000.00"), Instant.parse("2026-11-02T10:00:00Z")));
        append(new DealWon("w2", "sales", "lead", eur("3000.00"), Instant.parse("2026-11-10T10:00:00Z")));
        append(new DealWon("w3", "sales", "lead", Money.of("500.00", "USD"), Instant.parse("2026-11-10T11:00:00Z")));
        // read late, won in October: lands in October
        append(new DealWon("w4", "sales", "lead", eur("2500.00"), Instant.parse("2026-10-30T10:00:00Z")));

        // anna, November, EUR: w1 and w2, (1000 + 3000) / 2 = 2000
        DealSize annaNovember = size("anna", PeriodType.MONTH, "2026-11", "EUR");
        assertThat(annaNovember.won()).isEqualTo(2);
        assertThat(annaNovember.wonAmount()).isEqualTo(new BigDecimal("4000.00"));
        assertThat(annaNovember.averageWonAmount()).isEqualTo(new BigDecimal("2000.00"));
        // nothing of anna's is open: the row of a period under way has the open deals, none
        assertThat(annaNovember.openDeals()).isZero();
        assertThat(annaNovember.averageOpenAmount()).isNull();
        // weeks: w1 on Monday 2 November (W45), w2 on Tuesday 10 November (W46)
        assertThat(size("anna", PeriodType.WEEK, "2026-W45", "EUR").averageWonAmount())
                .isEqualTo(new BigDecimal("1000.00"));
        assertThat(size("anna", PeriodType.WEEK, "2026-W46", "EUR").averageWonAmount())
                .isEqualTo(new BigDecimal("3000.00"));
        // dollars never mix with euros
        DealSize dollars = size("anna", PeriodType.MONTH, "2026-11", "USD");
        assertThat(dollars.won()).isEqualTo(1);
        assertThat(dollars.averageWonAmount()).isEqualTo(new BigDecimal("500.00"));
        // all owners: November has w1 and w2 only, October bob's w4
        assertThat(size(null, PeriodType.MONTH, "2026-11", "EUR").averageWonAmount())
                .isEqualTo(new BigDecimal("2000.00"));
        DealSize october = size(null, PeriodType.MONTH, "2026-10", "EUR");
        assertThat(october.won()).isEqualTo(1);
        assertThat(october.averageWonAmount()).isEqualTo(new BigDecimal("2500.00"));
        assertThat(size("bob", PeriodType.DAY, "2026-10-30", "EUR").won()).isEqualTo(1);
        // the quarter: (1000 + 3000 + 2500) / 3 = 2166.666..., 2166.67
        DealSize quarter = size(null, PeriodType.QUARTER, "2026-Q4", "EUR");
        assertThat(quarter.won()).isEqualTo(3);
        assertThat(quarter.wonAmount()).isEqualTo(new BigDecimal("6500.00"));
        assertThat(quarter.averageWonAmount()).isEqualTo(new BigDecimal("2166.67"));

        // w2 reopened: no longer won; November keeps w1 alone, and the week of w2 has no win
        append(new DealReopened("w2", "sales", "lead", clock));
        assertThat(size("anna", PeriodType.MONTH, "2026-11", "EUR").averageWonAmount())
                .isEqualTo(new BigDecimal("1000.00"));
        DealSize week46 = size("anna", PeriodType.WEEK, "2026-W46", "EUR");
        assertThat(week46.won()).isZero();
        assertThat(week46.averageWonAmount()).isNull();
        // and it is open again, today, in the current week (W47)
        DealSize open = size("anna", PeriodType.WEEK, "2026-W47", "EUR");
        assertThat(open.openDeals()).isEqualTo(1);
        assertThat(open.averageOpenAmount()).isEqualTo(new BigDecimal("3000.00"));
    }

    @Test
    void averageOpenSizeIsOfTheDealsOpenNowPerCurrencyAndChannel() {
        start(CompanyPeriods.UTC, T0);
        open("a", "anna", "lead", eur("1000.00"));
        open("b", "anna", "lead", eur("2000.00"));
        open("c", "anna", "lead", Money.of("700.00", "USD"));
        open("d", "anna", "lead", null);
        open("e", "bob", "lead", eur("5000.00"));

        // anna in EUR: a and b, (1000 + 2000) / 2 = 1500; d has no amount and is in no average
        DealSize euros = size("anna", PeriodType.DAY, TODAY, "EUR");
        assertThat(euros).isEqualTo(new DealSize("sales", "anna", null, PeriodType.DAY, TODAY, "EUR", 0,
                BigDecimal.ZERO, null, 2, new BigDecimal("3000.00"), new BigDecimal("1500.00"), T0));
        assertThat(size("anna", PeriodType.DAY, TODAY, "USD").averageOpenAmount())
                .isEqualTo(new BigDecimal("700.00"));
        assertBook("anna", 4, 4, 0);
        // all owners, this month, in EUR: (1000 + 2000 + 5000) / 3 = 2666.666..., 2666.67
        DealSize month = size(null, PeriodType.MONTH, "2026-11", "EUR");
        assertThat(month.openDeals()).isEqualTo(3);
        assertThat(month.averageOpenAmount()).isEqualTo(new BigDecimal("2666.67"));

        append(new DealAmountChanged("b", eur("2000.00"), eur("4000.00"), clock));
        // (1000 + 4000) / 2 = 2500
        assertThat(size("anna", PeriodType.DAY, TODAY, "EUR").averageOpenAmount())
                .isEqualTo(new BigDecimal("2500.00"));

        // a came by referral: the channel rows split anna's euros, 1000 there and 4000 without a channel
        append(new DealDetailsEdited("a", new DealDetails("Deal a", ClientInfo.NONE, null, null),
                new DealDetails("Deal a", ClientInfo.NONE, "referral", null), clock));
        assertThat(sizeIn("anna", "referral", "EUR").averageOpenAmount()).isEqualTo(new BigDecimal("1000.00"));
        assertThat(sizeIn("anna", MetricKey.NO_SOURCE_CHANNEL, "EUR").averageOpenAmount())
                .isEqualTo(new BigDecimal("4000.00"));
        assertThat(bookIn("anna", "referral").openDeals()).isEqualTo(1);
        assertThat(bookIn("anna", MetricKey.NO_SOURCE_CHANNEL).openDeals()).isEqualTo(3);
    }

    @Test
    void aHandOverMovesTheDealWithItsTasksToTheNewOwnersRow() {
        start(CompanyPeriods.UTC, T0);
        open("a", "anna", "qualified", eur("1000.00"));
        schedule("a", "t1", T0.plus(Duration.ofMinutes(5)));
        at(T0.plus(Duration.ofMinutes(6)));
        assertBook("anna", 1, 0, 1);

        append(new DealHandedOver("a", "anna", "bob", "north", "north", "Holiday", clock));

        assertThat(book("anna")).isEqualTo(new OwnerBook("sales", "anna", null, PeriodType.DAY, TODAY, 0, 0, 0,
                null, 0, clock));
        assertThat(book("bob")).isEqualTo(new OwnerBook("sales", "bob", null, PeriodType.DAY, TODAY, 1, 0, 1,
                "qualified", 1, clock));
        assertBook(null, 1, 0, 1);
        assertThat(size("anna", PeriodType.DAY, TODAY, "EUR").openDeals()).isZero();
        assertThat(size("bob", PeriodType.DAY, TODAY, "EUR").openDeals()).isEqualTo(1);
        // the task goes on with the deal: completed, bob's overdue task is gone
        append(new TaskCompleted("a", "t1", clock));
        assertBook("bob", 1, 1, 0);
    }

    @Test
    void aDealTransferredToAnotherPipelineTakesItsTasksAndAmountThere() {
        start(CompanyPeriods.UTC, T0);
        open("a", "anna", "proposal", eur("1000.00"));
        schedule("a", "t1", T0.plus(Duration.ofMinutes(5)));
        at(T0.plus(Duration.ofMinutes(6)));
        assertBook("anna", 1, 0, 1);

        append(new DealTransferred("a", "sales", "proposal", "legal", "review", clock));

        // sales: nothing left; legal (whose definition is not read yet): the deal in review, its task overdue
        assertBook("anna", 0, 0, 0);
        OwnerBook legal = books.get(new MetricKey("legal", "anna", null, PeriodType.DAY, TODAY).asString());
        assertThat(legal).isEqualTo(new OwnerBook("legal", "anna", null, PeriodType.DAY, TODAY, 1, 0, 1, "review", 1,
                clock));
        assertThat(size("anna", PeriodType.DAY, TODAY, "EUR").openDeals()).isZero();
        assertThat(sizes.get(DealSize.key(new MetricKey("legal", "anna", null, PeriodType.DAY, TODAY), "EUR"))
                .averageOpenAmount()).isEqualTo(new BigDecimal("1000.00"));
    }

    @Test
    void theBottleneckIsTheStageWithMostOpenDealsAndATieGoesToTheEarliestStageInTheCurrentOrder() {
        start(CompanyPeriods.UTC, T0);
        open("l1", "anna", "lead", eur("1000.00"));
        open("q1", "anna", "qualified", eur("1000.00"));
        open("q2", "anna", "qualified", eur("1000.00"));
        open("p1", "anna", "proposal", eur("1000.00"));
        open("p2", "anna", "proposal", eur("1000.00"));
        open("n1", "bob", "negotiation", eur("1000.00"));

        // qualified 2, proposal 2: qualified comes first
        assertThat(book("anna").bottleneckStageId()).isEqualTo("qualified");
        assertThat(book("anna").bottleneckDeals()).isEqualTo(2);
        // all owners: the same tie, negotiation has 1
        assertThat(book(null).bottleneckStageId()).isEqualTo("qualified");
        drain();

        // proposal put before qualified: the tie goes the other way, with no event of any deal
        append(new StagesReordered("sales", List.of("lead", "proposal", "qualified", "negotiation"), clock));
        List<KeyValue<String, OwnerBook>> rows = drain();
        assertThat(rows).extracting(row -> row.key).as("bob's bottleneck has no tie and stays")
                .containsExactlyInAnyOrder(key("anna", TODAY), key(null, TODAY), "sales|anna|-|DAY|2026-11-16",
                        "sales|*|-|DAY|2026-11-16");
        assertThat(book("anna").bottleneckStageId()).isEqualTo("proposal");
        assertThat(book("anna").bottleneckDeals()).isEqualTo(2);
        assertThat(book("bob").bottleneckStageId()).isEqualTo("negotiation");

        // the tie broken by a move
        append(new DealMovedToStage("l1", "sales", "lead", "qualified", clock));
        assertThat(book("anna").bottleneckStageId()).isEqualTo("qualified");
        assertThat(book("anna").bottleneckDeals()).isEqualTo(3);
    }

    @Test
    void redeliveredEventsChangeNothing() {
        start(CompanyPeriods.UTC, T0);
        open("a", "anna", "lead", eur("1000.00"));
        open("b", "anna", "lead", eur("2000.00"));
        schedule("a", "t1", T0.plus(Duration.ofMinutes(10)));
        append(new TaskRescheduled("a", "t1", T0.plus(Duration.ofMinutes(10)), T0.plus(Duration.ofDays(1)), clock));
        schedule("a", "t2", T0.plus(Duration.ofDays(2)));
        append(new TaskCancelled("a", "t2", clock));
        append(new DealWon("b", "sales", "lead", eur("2000.00"), clock));
        OwnerBook before = book("anna");
        DealSize sizeBefore = size("anna", PeriodType.MONTH, "2026-11", "EUR");
        drainSizes();
        drain();

        List<EventEnvelope<? extends DomainEvent>> all = new ArrayList<>(published);
        all.forEach(log::redeliver);

        assertThat(drain()).isEmpty();
        assertThat(drainSizes()).isEmpty();
        // the redelivered schedule of t1 (due in 10 minutes) does not undo its reschedule to tomorrow,
        // nor does the redelivered schedule of t2 bring the cancelled task back
        at(T0.plus(Duration.ofMinutes(11)));
        assertThat(drain()).isEmpty();
        assertThat(book("anna")).isEqualTo(before);
        assertThat(size("anna", PeriodType.MONTH, "2026-11", "EUR")).isEqualTo(sizeBefore);
        // one open deal with a next action, b won for 2000
        assertThat(before.openDeals()).isEqualTo(1);
        assertThat(before.withoutNextAction()).isZero();
        assertThat(sizeBefore.won()).isEqualTo(1);
        assertThat(sizeBefore.averageWonAmount()).isEqualTo(new BigDecimal("2000.00"));
    }

    @Test
    void dayRowsAreTheCompanysDaysAndAPastDayKeepsItsFiguresAsOfItsEnd() {
        CompanyPeriods berlin = new CompanyPeriods(ZoneId.of("Europe/Berlin"));
        // 22:50 UTC is 23:50 in Berlin, still Monday 16 November
        Instant lateEvening = Instant.parse("2026-11-16T22:50:00Z");
        start(berlin, lateEvening);
        open("a", "anna", "lead", eur("1000.00"));
        assertThat(book("anna", "2026-11-16").openDeals()).isEqualTo(1);

        // midnight in Berlin (23:00 UTC): Tuesday's row is written by the clock, with no event
        Instant midnight = Instant.parse("2026-11-16T23:00:00Z");
        at(midnight);
        assertThat(book("anna", "2026-11-17")).isEqualTo(new OwnerBook("sales", "anna", null, PeriodType.DAY,
                "2026-11-17", 1, 1, 0, "lead", 1, midnight));
        assertThat(size("anna", PeriodType.DAY, "2026-11-17", "EUR").openDeals()).isEqualTo(1);

        // a deal opened on Tuesday counts on Tuesday; Monday keeps the one deal it ended with
        open("b", "anna", "lead", eur("3000.00"));
        assertThat(book("anna", "2026-11-17").openDeals()).isEqualTo(2);
        assertThat(book("anna", "2026-11-16").openDeals()).isEqualTo(1);
        assertThat(size("anna", PeriodType.DAY, "2026-11-17", "EUR").averageOpenAmount())
                .isEqualTo(new BigDecimal("2000.00"));
        assertThat(size("anna", PeriodType.DAY, "2026-11-16", "EUR").averageOpenAmount())
                .isEqualTo(new BigDecimal("1000.00"));
        // the week did not change at midnight: its row has the open deals now
        assertThat(size("anna", PeriodType.WEEK, "2026-W47", "EUR").openDeals()).isEqualTo(2);

        // won at 23:30 UTC on 30 November, which is 1 December in Berlin
        append(new DealWon("a", "sales", "lead", eur("1000.00"), Instant.parse("2026-11-30T23:30:00Z")));
        assertThat(size("anna", PeriodType.MONTH, "2026-12", "EUR").won()).isEqualTo(1);
        assertThat(size("anna", PeriodType.DAY, "2026-12-01", "EUR").averageWonAmount())
                .isEqualTo(new BigDecimal("1000.00"));
        assertThat(size("anna", PeriodType.MONTH, "2026-11", "EUR").won()).isZero();
    }

    // -- driver and events

    private void start(CompanyPeriods periods, Instant wallClock) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "owner-book-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
        var events = PipelineEvents.stream(builder);
        new OwnerBookTopology(periods, MINUTE, Stores::inMemoryKeyValueStore)
                .buildTopology(events, DealTables.from(events));
        driver = new TopologyTestDriver(builder.build(), config, wallClock);
        log = new EventLog(driver);
        clock = wallClock;
        bookTopic = driver.createOutputTopic(Topics.METRICS_OWNER_BOOK, Serdes.String().deserializer(),
                JsonSerde.of(OwnerBook.class).deserializer());
        sizeTopic = driver.createOutputTopic(Topics.METRICS_DEAL_SIZE, Serdes.String().deserializer(),
                JsonSerde.of(DealSize.class).deserializer());
        append(new PipelineDefined("sales", "Sales", List.of(
                new StageDefinition("lead", "Lead", 10, null, null),
                new StageDefinition("qualified", "Qualified", 30, null, null),
                new StageDefinition("proposal", "Proposal sent", 50, null, null),
                new StageDefinition("negotiation", "Negotiation", 70, null, null)),
                Duration.ofDays(30), List.of("Price"), wallClock));
    }

    /** Moves the wall clock to the instant, which runs the scans if a scan interval has passed. */
    private void at(Instant instant) {
        assertThat(instant).isAfterOrEqualTo(clock);
        driver.advanceWallClockTime(Duration.between(clock, instant));
        clock = instant;
    }

    private void after(Duration duration) {
        at(clock.plus(duration));
    }

    private <E extends DomainEvent> void append(E event) {
        published.add(log.append(event));
    }

    private void open(String dealId, String ownerId, String stageId, Money amount) {
        append(new DealOpened(dealId, "sales", stageId, "Deal " + dealId, ownerId, "north", amount, clock));
    }

    private void openAt(String dealId, String ownerId, Money amount, Instant at) {
        append(new DealOpened(dealId, "sales", "lead", "Deal " + dealId, ownerId, "north", amount, at));
    }

    private void schedule(String dealId, String taskId, Instant dueAt) {
        append(new TaskScheduled(dealId, taskId, "Call back", dueAt, clock));
    }

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    // -- output

    private Instant watched(String dealId) {
        KeyValueStore<String, Instant> store = driver.getKeyValueStore(OwnerBookTopology.WATCHED_STORE);
        return store.get(dealId);
    }

    private List<KeyValue<String, OwnerBook>> drain() {
        List<KeyValue<String, OwnerBook>> rows = bookTopic.readKeyValuesToList();
        rows.forEach(row -> books.put(row.key, row.value));
        return rows;
    }

    private List<KeyValue<String, DealSize>> drainSizes() {
        List<KeyValue<String, DealSize>> rows = sizeTopic.readKeyValuesToList();
        rows.forEach(row -> sizes.put(row.key, row.value));
        return rows;
    }

    private static String key(String ownerId, String day) {
        return new MetricKey("sales", ownerId, null, PeriodType.DAY, day).asString();
    }

    private OwnerBook book(String ownerId) {
        return book(ownerId, TODAY);
    }

    private OwnerBook book(String ownerId, String day) {
        drain();
        return books.get(key(ownerId, day));
    }

    private OwnerBook bookIn(String ownerId, String channel) {
        drain();
        return books.get(new MetricKey("sales", ownerId, channel, PeriodType.DAY, TODAY).asString());
    }

    private void assertBook(String ownerId, long open, long withoutNextAction, long overdue) {
        OwnerBook book = book(ownerId);
        assertThat(book).as("row of %s", ownerId).isNotNull();
        assertThat(book.openDeals()).as("open deals of %s", ownerId).isEqualTo(open);
        assertThat(book.withoutNextAction()).as("without next action, %s", ownerId).isEqualTo(withoutNextAction);
        assertThat(book.overdueTasks()).as("overdue tasks of %s", ownerId).isEqualTo(overdue);
    }

    private DealSize size(String ownerId, PeriodType type, String period, String currency) {
        drainSizes();
        return sizes.get(DealSize.key(new MetricKey("sales", ownerId, null, type, period), currency));
    }

    private DealSize sizeIn(String ownerId, String channel, String currency) {
        drainSizes();
        return sizes.get(DealSize.key(new MetricKey("sales", ownerId, channel, PeriodType.DAY, TODAY), currency));
    }
}
