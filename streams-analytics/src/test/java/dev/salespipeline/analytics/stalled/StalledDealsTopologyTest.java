package dev.salespipeline.analytics.stalled;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.salespipeline.analytics.EventLog;
import dev.salespipeline.analytics.deal.DealTables;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.serde.PipelineEvents;
import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.alerts.AlertStatus;
import dev.salespipeline.api.alerts.StallReason;
import dev.salespipeline.api.alerts.StalledDealAlert;
import dev.salespipeline.api.deal.CallLogged;
import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.deal.DealLost;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealReopened;
import dev.salespipeline.api.deal.DealWon;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.api.deal.EmailOpened;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.deal.TaskScheduled;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.envelope.EventTypes;
import dev.salespipeline.api.pipeline.IdleLimitChanged;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.StageDefinition;
import dev.salespipeline.api.pipeline.StageSettingsChanged;

/**
 * The pipeline "sales": Lead (no time limit), Qualified (3 days), Proposal sent (14 days); idle limit 7 days.
 * The wall clock is the driver's: events are published at the wall-clock time they happen, as in production,
 * and the clock is then moved on, which runs the scan (every minute).
 */
class StalledDealsTopologyTest {

    /** Monday 16 November 2026, 09:00 UTC. */
    private static final Instant T0 = Instant.parse("2026-11-16T09:00:00Z");
    private static final Duration QUALIFIED_LIMIT = Duration.ofDays(3);
    private static final Duration PROPOSAL_LIMIT = Duration.ofDays(14);
    private static final Duration IDLE_LIMIT = Duration.ofDays(7);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private TopologyTestDriver driver;
    private EventLog log;
    private TestOutputTopic<String, StalledDealAlert> alerts;
    private Instant clock;
    private final Map<String, Long> replayed = new HashMap<>();

    @BeforeEach
    void start() {
        start(T0);
        definePipeline();
    }

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void aDealLeftInAStagePastItsLimitRaisesExactlyOneAlert() {
        open("deal-1", "qualified");

        at(T0.plus(QUALIFIED_LIMIT));
        assertThat(alerts.readRecordsToList()).as("at the limit, not past it").isEmpty();

        Instant raised = T0.plus(QUALIFIED_LIMIT).plus(MINUTE);
        at(raised);
        StalledDealAlert alert = single(alerts.readValuesToList());
        assertThat(alert).isEqualTo(new StalledDealAlert("deal-1", "sales", "qualified", "rep-anna", "north",
                AlertStatus.RAISED, StallReason.STAGE_TIME_LIMIT, T0.plus(QUALIFIED_LIMIT), QUALIFIED_LIMIT, raised,
                null));

        // the clock moves on, past the idle limit too: still the one alert
        after(MINUTE);
        after(Duration.ofHours(5));
        after(Duration.ofDays(2));
        after(Duration.ofDays(5));
        assertThat(alerts.readRecordsToList()).isEmpty();
        assertThat(watched("deal-1").alert()).isEqualTo(alert);
    }

    @Test
    void movingTheDealClearsItsAlertAtOnce() {
        open("deal-1", "qualified");
        at(T0.plus(Duration.ofDays(4)));
        StalledDealAlert raised = single(alerts.readValuesToList());

        Instant moved = T0.plus(Duration.ofDays(4)).plus(Duration.ofHours(2));
        at(moved);
        log.append(new DealMovedToStage("deal-1", "sales", "qualified", "proposal", moved));

        assertThat(single(alerts.readValuesToList())).isEqualTo(raised.cleared(moved));
        after(Duration.ofDays(6));
        assertThat(alerts.readRecordsToList()).as("within the new stage's limit and the idle limit").isEmpty();
        assertThat(watched("deal-1").alert()).isNull();
    }

    @Test
    void activityClearsAnIdleAlertAndTheNextIdleStretchRaisesANewOne() {
        open("deal-1", "lead");
        at(T0.plus(IDLE_LIMIT).plus(MINUTE));
        StalledDealAlert idle = single(alerts.readValuesToList());
        assertThat(idle.reason()).isEqualTo(StallReason.IDLE_LIMIT);
        assertThat(idle.since()).isEqualTo(T0.plus(IDLE_LIMIT));
        assertThat(idle.limit()).isEqualTo(IDLE_LIMIT);

        Instant called = T0.plus(Duration.ofDays(8));
        at(called);
        log.append(call("deal-1", called));
        assertThat(single(alerts.readValuesToList())).isEqualTo(idle.cleared(called));

        at(called.plus(IDLE_LIMIT));
        assertThat(alerts.readRecordsToList()).isEmpty();
        at(called.plus(IDLE_LIMIT).plus(MINUTE));
        StalledDealAlert again = single(alerts.readValuesToList());
        assertThat(again.status()).isEqualTo(AlertStatus.RAISED);
        assertThat(again.since()).isEqualTo(called.plus(IDLE_LIMIT));
        assertThat(again.raisedAt()).isEqualTo(called.plus(IDLE_LIMIT).plus(MINUTE));
    }

    @Test
    void everyKindOfWorkOnTheDealCountsAsActivityButAnEmailOpenedByTheClientDoesNot() {
        open("deal-1", "lead");
        at(T0.plus(Duration.ofDays(5)));
        log.append(new TaskScheduled("deal-1", "task-1", "Call back", T0.plus(Duration.ofDays(20)), clock));
        at(T0.plus(Duration.ofDays(11)));
        log.append(new EmailOpened("deal-1", "email-1", clock));

        at(T0.plus(Duration.ofDays(12)));
        assertThat(alerts.readRecordsToList()).as("idle from day 5 only").isEmpty();
        at(T0.plus(Duration.ofDays(12)).plus(MINUTE));
        assertThat(single(alerts.readValuesToList()).since()).isEqualTo(T0.plus(Duration.ofDays(12)));
    }

    @Test
    void aDealLostWhileStalledIsClearedAndALostDealNeverAlerts() {
        open("deal-1", "qualified");
        open("deal-2", "qualified");
        at(T0.plus(Duration.ofDays(1)));
        log.append(new DealLost("deal-2", "sales", "qualified", "Price", null, clock));

        at(T0.plus(Duration.ofDays(4)));
        StalledDealAlert raised = single(alerts.readValuesToList());
        assertThat(raised.dealId()).isEqualTo("deal-1");

        Instant lost = T0.plus(Duration.ofDays(5));
        at(lost);
        log.append(new DealLost("deal-1", "sales", "qualified", "Price", null, lost));
        assertThat(single(alerts.readValuesToList())).isEqualTo(raised.cleared(lost));

        after(Duration.ofDays(30));
        assertThat(alerts.readRecordsToList()).isEmpty();
        assertThat(watchedStore().get("deal-1")).as("closed deals are not watched").isNull();
        assertThat(watchedStore().get("deal-2")).isNull();
    }

    @Test
    void aWonDealIsClearedAndWatchedAgainWhenReopened() {
        open("deal-1", "qualified");
        at(T0.plus(Duration.ofDays(4)));
        StalledDealAlert raised = single(alerts.readValuesToList());

        at(T0.plus(Duration.ofDays(5)));
        log.append(new DealWon("deal-1", "sales", "qualified", Money.of("1000.00", "EUR"), clock));
        assertThat(single(alerts.readValuesToList())).isEqualTo(raised.cleared(clock));

        Instant reopened = T0.plus(Duration.ofDays(20));
        at(reopened);
        log.append(new DealReopened("deal-1", "sales", "qualified", reopened));
        at(reopened.plus(QUALIFIED_LIMIT).plus(MINUTE));
        StalledDealAlert again = single(alerts.readValuesToList());
        assertThat(again.status()).isEqualTo(AlertStatus.RAISED);
        assertThat(again.since()).as("counted from the reopening").isEqualTo(reopened.plus(QUALIFIED_LIMIT));
    }

    @Test
    void aRaisedLimitClearsTheAlertWithoutAnEventOfTheDeal() {
        open("deal-1", "qualified");
        at(T0.plus(Duration.ofDays(4)));
        StalledDealAlert raised = single(alerts.readValuesToList());

        Instant changed = T0.plus(Duration.ofDays(4)).plus(Duration.ofHours(1));
        at(changed);
        log.append(new StageSettingsChanged("sales", "qualified", 30, Duration.ofDays(10), null, changed));

        assertThat(single(alerts.readValuesToList())).isEqualTo(raised.cleared(changed));
        assertThat(watched("deal-1").stageTimeLimit()).isEqualTo(Duration.ofDays(10));

        // the new limit holds, and the idle limit still counts from the opening
        at(T0.plus(IDLE_LIMIT).plus(MINUTE));
        StalledDealAlert idle = single(alerts.readValuesToList());
        assertThat(idle.reason()).isEqualTo(StallReason.IDLE_LIMIT);
        Instant longerIdle = T0.plus(Duration.ofDays(7)).plus(Duration.ofHours(2));
        at(longerIdle);
        log.append(new IdleLimitChanged("sales", Duration.ofDays(9), longerIdle));
        assertThat(single(alerts.readValuesToList())).isEqualTo(idle.cleared(longerIdle));
    }

    @Test
    void aLoweredLimitRaisesTheAlertAtTheNextScan() {
        open("deal-1", "proposal");
        at(T0.plus(Duration.ofDays(5)));
        log.append(call("deal-1", clock));
        log.append(new StageSettingsChanged("sales", "proposal", 50, Duration.ofDays(4), null, clock));
        assertThat(alerts.readRecordsToList()).as("raised by the clock, not by the change").isEmpty();

        after(MINUTE);
        StalledDealAlert alert = single(alerts.readValuesToList());
        assertThat(alert.reason()).isEqualTo(StallReason.STAGE_TIME_LIMIT);
        assertThat(alert.since()).isEqualTo(T0.plus(Duration.ofDays(4)));
        assertThat(alert.limit()).isEqualTo(Duration.ofDays(4));
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        EventEnvelope<DealOpened> opened = open("deal-1", "qualified");
        at(T0.plus(Duration.ofDays(1)));
        EventEnvelope<CallLogged> call = log.append(call("deal-1", clock));
        at(T0.plus(Duration.ofDays(4)));
        single(alerts.readValuesToList());
        WatchedDeal before = watched("deal-1");

        log.redeliver(opened);
        log.redeliver(call);
        after(MINUTE);
        after(Duration.ofDays(1));

        assertThat(alerts.readRecordsToList()).isEmpty();
        assertThat(watched("deal-1")).isEqualTo(before);
    }

    @Test
    void aDealInAStageWithoutATimeLimitNeverAlertsOnStageTime() {
        open("deal-1", "lead");
        for (int day = 6; day <= 60; day += 6) {
            at(T0.plus(Duration.ofDays(day)));
            log.append(call("deal-1", clock));
        }
        after(MINUTE);

        assertThat(alerts.readRecordsToList()).isEmpty();
        assertThat(watched("deal-1").stageStall()).isEmpty();
    }

    @Test
    void whenTheLimitAnAlertIsAboutNoLongerHoldsItIsClearedAndTheScanRaisesTheOther() {
        open("deal-1", "proposal");
        at(T0.plus(IDLE_LIMIT).plus(MINUTE));
        StalledDealAlert idle = single(alerts.readValuesToList());
        assertThat(idle.reason()).isEqualTo(StallReason.IDLE_LIMIT);
        at(T0.plus(PROPOSAL_LIMIT).plus(MINUTE));
        assertThat(alerts.readRecordsToList()).as("one alert per deal at a time").isEmpty();

        Instant called = T0.plus(Duration.ofDays(15));
        at(called);
        log.append(call("deal-1", called));
        assertThat(single(alerts.readValuesToList())).isEqualTo(idle.cleared(called));

        after(MINUTE);
        StalledDealAlert stage = single(alerts.readValuesToList());
        assertThat(stage.reason()).isEqualTo(StallReason.STAGE_TIME_LIMIT);
        assertThat(stage.since()).isEqualTo(T0.plus(PROPOSAL_LIMIT));
        assertThat(stage.raisedAt()).isEqualTo(called.plus(MINUTE));
    }

    @Test
    void whenBothLimitsArePassedBetweenTwoScansTheAlertIsAboutTheOneExceededFirst() {
        driver.close();
        // a scan every two weeks: qualified's 3 days and the idle 7 days both pass before the first one
        start(T0, Duration.ofDays(14));
        definePipeline();
        open("deal-1", "qualified");

        after(Duration.ofDays(14));
        StalledDealAlert alert = single(alerts.readValuesToList());
        assertThat(alert.reason()).isEqualTo(StallReason.STAGE_TIME_LIMIT);
        assertThat(alert.since()).isEqualTo(T0.plus(QUALIFIED_LIMIT));
    }

    @Test
    void aHandOverWhileStalledRestatesTheAlertUnderTheNewOwnerWithItsRaisingTime() {
        open("deal-1", "qualified");
        at(T0.plus(Duration.ofDays(4)));
        StalledDealAlert raised = single(alerts.readValuesToList());

        after(Duration.ofHours(3));
        log.append(new DealHandedOver("deal-1", "rep-anna", "rep-bob", "north", "south", null, clock));

        StalledDealAlert restated = single(alerts.readValuesToList());
        assertThat(restated).isEqualTo(new StalledDealAlert("deal-1", "sales", "qualified", "rep-bob", "south",
                AlertStatus.RAISED, StallReason.STAGE_TIME_LIMIT, raised.since(), raised.limit(), raised.raisedAt(),
                null));
    }

    @Test
    void aReplayRaisesNoAlertForStatesTheDealsHaveSinceLeftAndOnlyTheCurrentOnesOnceCaughtUp() {
        driver.close();
        Instant now = T0.plus(Duration.ofDays(365));
        start(now);
        // the history of a year ago, read now: recorded then
        replay(pipelineDefined(T0));
        replay(opened("deal-1", "qualified", T0));
        replay(opened("deal-2", "qualified", T0));
        after(Duration.ofSeconds(30));
        replay(new DealMovedToStage("deal-1", "sales", "qualified", "proposal", T0.plus(Duration.ofDays(10))));
        after(Duration.ofSeconds(30));
        assertThat(alerts.readRecordsToList()).as("deal-2, lost later in the history, is not stalled").isEmpty();

        replay(call("deal-1", T0.plus(Duration.ofDays(12))));
        replay(new DealLost("deal-2", "sales", "qualified", "Price", null, T0.plus(Duration.ofDays(20))));
        replay(opened("deal-3", "lead", T0));
        // caught up: the next scan, a scan interval after the last late event, raises what is stalled now
        after(MINUTE);
        List<StalledDealAlert> raised = alerts.readValuesToList();
        assertThat(raised).extracting(StalledDealAlert::dealId).containsExactlyInAnyOrder("deal-1", "deal-3");
        assertThat(raised).allSatisfy(alert -> assertThat(alert.status()).isEqualTo(AlertStatus.RAISED));
        StalledDealAlert proposal = raised.stream().filter(alert -> alert.dealId().equals("deal-1")).findFirst()
                .orElseThrow();
        assertThat(proposal.stageId()).isEqualTo("proposal");
        assertThat(proposal.reason()).as("idle since day 12 + 7, before day 10 + 14").isEqualTo(StallReason.IDLE_LIMIT);
        assertThat(proposal.since()).isEqualTo(T0.plus(Duration.ofDays(19)));
    }

    // the pipeline and its deals

    private void definePipeline() {
        log.append(pipelineDefined(clock));
    }

    private static PipelineDefined pipelineDefined(Instant at) {
        return new PipelineDefined("sales", "Sales", List.of(
                new StageDefinition("lead", "Lead", 10, null, null),
                new StageDefinition("qualified", "Qualified", 30, QUALIFIED_LIMIT, null),
                new StageDefinition("proposal", "Proposal sent", 50, PROPOSAL_LIMIT, null)),
                IDLE_LIMIT, List.of("Price"), at);
    }

    private EventEnvelope<DealOpened> open(String dealId, String stageId) {
        return log.append(opened(dealId, stageId, clock));
    }

    private static DealOpened opened(String dealId, String stageId, Instant at) {
        return new DealOpened(dealId, "sales", stageId, "Deal " + dealId, "rep-anna", "north",
                Money.of("1000.00", "EUR"), at);
    }

    private static CallLogged call(String dealId, Instant at) {
        return new CallLogged(dealId, "call-" + at.toEpochMilli(), Direction.OUTBOUND, at, 120, true, "+49 30 1234",
                null, null, null);
    }

    // the driver and its wall clock

    private void start(Instant wallClock) {
        start(wallClock, StalledDealsTopology.DEFAULT_SCAN_INTERVAL);
    }

    private void start(Instant wallClock, Duration scanInterval) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "stalled-deals-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
        var events = PipelineEvents.stream(builder);
        new StalledDealsTopology(scanInterval, StalledDealsTopology.DEFAULT_CATCH_UP_LAG)
                .buildTopology(events, DealTables.from(events));
        driver = new TopologyTestDriver(builder.build(), config, wallClock);
        log = new EventLog(driver);
        alerts = driver.createOutputTopic(Topics.ALERTS_STALLED_DEALS, Serdes.String().deserializer(),
                JsonSerde.of(StalledDealAlert.class).deserializer());
        clock = wallClock;
    }

    /** Moves the wall clock to the instant, which runs the scan if a scan interval has passed. */
    private void at(Instant instant) {
        assertThat(instant).isAfterOrEqualTo(clock);
        driver.advanceWallClockTime(Duration.between(clock, instant));
        clock = instant;
    }

    private void after(Duration duration) {
        at(clock.plus(duration));
    }

    /** Publishes an event recorded at its business time, long before the wall clock, as a replay reads it. */
    private void replay(DomainEvent event) {
        TestInputTopic<String, Object> topic = driver.createInputTopic(Topics.PIPELINE_EVENTS,
                Serdes.String().serializer(), JsonSerde.of(Object.class).serializer());
        long sequence = replayed.merge(event.aggregateId(), 1L, Long::sum) - 1;
        EventEnvelope<DomainEvent> envelope = new EventEnvelope<>("e-" + event.aggregateId() + "-" + sequence,
                EventTypes.nameOf(event.getClass()), EventTypes.versionOf(event.getClass()), event.aggregateId(),
                sequence, 0, event.occurredAt(), event.occurredAt(), "rep-anna", "web", "c-1", event);
        topic.pipeInput(event.aggregateId(), envelope, event.occurredAt());
    }

    private KeyValueStore<String, WatchedDeal> watchedStore() {
        return driver.getKeyValueStore(StalledDealsTopology.WATCHED_STORE);
    }

    private WatchedDeal watched(String dealId) {
        WatchedDeal deal = watchedStore().get(dealId);
        assertThat(deal).as("watched %s", dealId).isNotNull();
        return deal;
    }

    private static StalledDealAlert single(List<StalledDealAlert> records) {
        assertThat(records).hasSize(1);
        return records.get(0);
    }
}
