package dev.salespipeline.analytics.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.salespipeline.analytics.app.AnalyticsTopology;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.serde.PipelineEvents;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.activity.ActivityAttached;
import dev.salespipeline.api.activity.ActivityKind;
import dev.salespipeline.api.activity.ActivityMatch;
import dev.salespipeline.api.activity.ActivityReceived;
import dev.salespipeline.api.deal.CallLogged;
import dev.salespipeline.api.deal.CommentAdded;
import dev.salespipeline.api.deal.DealAmountChanged;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealTransferred;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.api.deal.EmailLogged;
import dev.salespipeline.api.deal.EmailOpened;
import dev.salespipeline.api.deal.MeetingLogged;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.deal.TaskRescheduled;
import dev.salespipeline.api.deal.TaskScheduled;
import dev.salespipeline.api.metrics.ManagerActivity;
import dev.salespipeline.api.metrics.PeriodType;

class ManagerActivityTopologyTest {

    /** Monday 16 November 2026, 09:00 UTC. */
    private static final Instant MONDAY = Instant.parse("2026-11-16T09:00:00Z");
    private static final String ALL = ManagerActivity.ALL_PIPELINES;
    private static final String TELEPHONY = "integration:telephony";
    private static final String MAIL = "integration:mail";

    private TopologyTestDriver driver;
    private ActorLog log;

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void everyFigureOfAShiftWorkedOutByHand() {
        start(CompanyPeriods.UTC, ManagerActivityTopology.DEFAULT_SUCCESSFUL_CALL_SECONDS);
        open("bob", "d1", "sales", minutes(-60));
        open("anna", "d2", "sales", minutes(0));
        call("anna", "d2", "c1", Direction.OUTBOUND, minutes(10), 120, true);
        call("anna", "d2", "c2", Direction.OUTBOUND, minutes(20), 0, false);
        call("anna", "d2", "c3", Direction.INBOUND, minutes(30), 30, true);
        call("anna", "d1", "c4", Direction.INBOUND, minutes(40), 0, false);
        call("anna", "d2", "c5", Direction.OUTBOUND, minutes(50), 40, true);
        email("anna", "d2", "e1", Direction.OUTBOUND, minutes(60));
        email("anna", "d2", "e2", Direction.INBOUND, minutes(90));
        log.append(MAIL, new EmailOpened("d2", "e1", minutes(120)));
        log.append("anna", new CommentAdded("d2", "k1", "Sent the offer", minutes(130)));

        ManagerActivity anna = row("sales", "anna", PeriodType.DAY, "2026-11-16");

        // c1, c2, c5 outbound; c3, c4 inbound
        assertThat(anna.callsMade()).isEqualTo(3);
        assertThat(anna.callsReceived()).isEqualTo(2);
        // answered calls only: 120 + 30 + 40
        assertThat(anna.talkSeconds()).isEqualTo(190);
        // c1 (120 s) and c5 (40 s); c3 is answered but 30 s
        assertThat(anna.successfulContacts()).isEqualTo(2);
        // c2 outbound, c4 inbound
        assertThat(anna.missedCalls()).isEqualTo(2);
        assertThat(anna.missedOutbound()).isEqualTo(1);
        assertThat(anna.missedInbound()).isEqualTo(1);
        // 2 received / 3 made
        assertThat(anna.inboundOutboundRatio()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(anna.emailsSent()).isEqualTo(1);
        assertThat(anna.emailsReceived()).isEqualTo(1);
        // e1, opened by the client, counts for anna who sent it
        assertThat(anna.emailsOpened()).isEqualTo(1);
        // 1 opened / 1 sent
        assertThat(anna.emailOpenRate()).isEqualTo(1.0);
        // d2 (opened, calls, emails, comment) and d1 (a call): 2 cards; 5 calls / 2 cards
        assertThat(anna.cardsChanged()).isEqualTo(2);
        assertThat(anna.callsPerChangedCard()).isEqualTo(2.5);
        assertThat(anna.tasksRescheduledWithoutActivity()).isZero();
        // everything was in sales: the all-pipelines row and the week hold the same figures
        assertThat(row(ALL, "anna", PeriodType.DAY, "2026-11-16")).usingRecursiveComparison()
                .ignoringFields("pipelineId").isEqualTo(anna);
        assertThat(row("sales", "anna", PeriodType.WEEK, "2026-W47")).usingRecursiveComparison()
                .ignoringFields("periodType", "period").isEqualTo(anna);

        // bob opened d1 and made no call: one card, 0 calls per card, no ratio
        ManagerActivity bob = row("sales", "bob", PeriodType.DAY, "2026-11-16");
        assertThat(bob.cardsChanged()).isEqualTo(1);
        assertThat(bob.callsPerChangedCard()).isEqualTo(0.0);
        assertThat(bob.callsMade()).isZero();
        assertThat(bob.inboundOutboundRatio()).isNull();
        // nothing sent: no open rate
        assertThat(bob.emailOpenRate()).isNull();
        // the email system that reported the opening is nobody
        assertThat(row("sales", MAIL, PeriodType.DAY, "2026-11-16")).isNull();
    }

    @Test
    void aCallOfThirtyNineSecondsIsNoSuccessfulContactAndOneOfFortyIs() {
        start(CompanyPeriods.UTC, ManagerActivityTopology.DEFAULT_SUCCESSFUL_CALL_SECONDS);
        open("anna", "d1", "sales", minutes(0));
        call("anna", "d1", "c39", Direction.OUTBOUND, minutes(10), 39, true);

        assertThat(row("sales", "anna", PeriodType.DAY, "2026-11-16").successfulContacts()).isZero();

        call("anna", "d1", "c40", Direction.INBOUND, minutes(20), 40, true);

        ManagerActivity anna = row("sales", "anna", PeriodType.DAY, "2026-11-16");
        assertThat(anna.successfulContacts()).isEqualTo(1);
        assertThat(anna.talkSeconds()).isEqualTo(39 + 40);
    }

    @Test
    void theSuccessfulCallThresholdCanBeConfigured() {
        start(CompanyPeriods.UTC, 60);
        open("anna", "d1", "sales", minutes(0));
        call("anna", "d1", "c40", Direction.OUTBOUND, minutes(10), 40, true);
        call("anna", "d1", "c59", Direction.OUTBOUND, minutes(20), 59, true);
        call("anna", "d1", "c60", Direction.OUTBOUND, minutes(30), 60, true);

        // with 60 s only c60 is a successful contact; 40 s no longer is
        assertThat(row("sales", "anna", PeriodType.DAY, "2026-11-16").successfulContacts()).isEqualTo(1);
    }

    @Test
    void missedCallsAreToldApartByDirectionAndAddNoTalkTimeNorContact() {
        start(CompanyPeriods.UTC, ManagerActivityTopology.DEFAULT_SUCCESSFUL_CALL_SECONDS);
        open("anna", "d1", "sales", minutes(0));
        // the client rang for 45 s and anna did not pick up; anna rang the client for 50 s unanswered, twice
        call("anna", "d1", "in", Direction.INBOUND, minutes(10), 45, false);
        call("anna", "d1", "out-1", Direction.OUTBOUND, minutes(20), 50, false);
        call("anna", "d1", "out-2", Direction.OUTBOUND, minutes(30), 50, false);

        ManagerActivity anna = row("sales", "anna", PeriodType.DAY, "2026-11-16");
        assertThat(anna.missedInbound()).isEqualTo(1);
        assertThat(anna.missedOutbound()).isEqualTo(2);
        assertThat(anna.missedCalls()).isEqualTo(3);
        // missed calls are still calls made and received
        assertThat(anna.callsMade()).isEqualTo(2);
        assertThat(anna.callsReceived()).isEqualTo(1);
        assertThat(anna.inboundOutboundRatio()).isEqualTo(0.5);
        assertThat(anna.talkSeconds()).isZero();
        assertThat(anna.successfulContacts()).isZero();
    }

    @Test
    void aCallLoggedLateLandsInTheShiftItTookPlaceInTheCompanysTimeZone() {
        start(new CompanyPeriods(ZoneId.of("Europe/Berlin")), ManagerActivityTopology.DEFAULT_SUCCESSFUL_CALL_SECONDS);
        open("anna", "d1", "sales", Instant.parse("2026-11-15T20:00:00Z"));
        // Tuesday's work comes first
        call("anna", "d1", "tuesday", Direction.OUTBOUND, Instant.parse("2026-11-17T10:00:00Z"), 60, true);
        // then a call that took place on Sunday 23:30 UTC, which is Monday 00:30 in Berlin, logged a day late
        call("anna", "d1", "late", Direction.OUTBOUND, Instant.parse("2026-11-15T23:30:00Z"), 90, true);

        ManagerActivity monday = row("sales", "anna", PeriodType.DAY, "2026-11-16");
        assertThat(monday.callsMade()).isEqualTo(1);
        assertThat(monday.talkSeconds()).isEqualTo(90);
        // the late call changed the card on Monday too
        assertThat(monday.cardsChanged()).isEqualTo(1);
        assertThat(row("sales", "anna", PeriodType.DAY, "2026-11-17").talkSeconds()).isEqualTo(60);
        // Sunday (the opening at 21:00 Berlin) has no call; the week of Monday 16th has both
        assertThat(row("sales", "anna", PeriodType.DAY, "2026-11-15").callsMade()).isZero();
        assertThat(row("sales", "anna", PeriodType.WEEK, "2026-W46").callsMade()).isZero();
        assertThat(row("sales", "anna", PeriodType.WEEK, "2026-W47").callsMade()).isEqualTo(2);
    }

    @Test
    void anIngestedCallSeenAsReportAndAsLoggedCallCountsOnceForTheRepTheReportNames() {
        start(CompanyPeriods.UTC, ManagerActivityTopology.DEFAULT_SUCCESSFUL_CALL_SECONDS);
        open("anna", "d1", "sales", minutes(0));
        log.append(TELEPHONY, report("act-1", Direction.OUTBOUND, minutes(10), 60, "bob", "d1"));

        // reported, not yet on the deal: it counts for bob in all pipelines, the deal's pipeline is not known yet
        assertThat(row(ALL, "bob", PeriodType.DAY, "2026-11-16").callsMade()).isEqualTo(1);
        assertThat(row("sales", "bob", PeriodType.DAY, "2026-11-16")).isNull();

        call(TELEPHONY, "d1", "act-1", Direction.OUTBOUND, minutes(10), 60, true);

        ManagerActivity bob = row("sales", "bob", PeriodType.DAY, "2026-11-16");
        assertThat(bob.callsMade()).isEqualTo(1);
        assertThat(bob.talkSeconds()).isEqualTo(60);
        assertThat(bob.successfulContacts()).isEqualTo(1);
        assertThat(row(ALL, "bob", PeriodType.DAY, "2026-11-16").callsMade()).isEqualTo(1);
        // the delivery changed no card for anyone, and the integration is nobody
        assertThat(bob.cardsChanged()).isZero();
        assertThat(row("sales", "anna", PeriodType.DAY, "2026-11-16").callsMade()).isZero();
        assertThat(row("sales", TELEPHONY, PeriodType.DAY, "2026-11-16")).isNull();
    }

    @Test
    void anIngestedCallLoggedOnTheDealBeforeItsReportArrivesStillCountsOnce() {
        start(CompanyPeriods.UTC, ManagerActivityTopology.DEFAULT_SUCCESSFUL_CALL_SECONDS);
        open("anna", "d1", "sales", minutes(0));
        call(TELEPHONY, "d1", "act-2", Direction.INBOUND, minutes(10), 45, true);

        // logged by an integration: nobody to count it for until the report names the rep
        assertThat(row(ALL, "anna", PeriodType.DAY, "2026-11-16").callsReceived()).isZero();

        log.append(TELEPHONY, report("act-2", Direction.INBOUND, minutes(10), 45, "anna", "d1"));

        assertThat(row("sales", "anna", PeriodType.DAY, "2026-11-16").callsReceived()).isEqualTo(1);
        assertThat(row(ALL, "anna", PeriodType.DAY, "2026-11-16").callsReceived()).isEqualTo(1);
    }

    @Test
    void aCallLoggedByHandCountsForWhoeverLoggedItNotTheDealsOwner() {
        start(CompanyPeriods.UTC, ManagerActivityTopology.DEFAULT_SUCCESSFUL_CALL_SECONDS);
        open("anna", "d1", "sales", minutes(0));
        call("bob", "d1", "manual-1", Direction.OUTBOUND, minutes(10), 75, true);

        assertThat(row("sales", "bob", PeriodType.DAY, "2026-11-16").callsMade()).isEqualTo(1);
        assertThat(row("sales", "bob", PeriodType.DAY, "2026-11-16").cardsChanged()).isEqualTo(1);
        assertThat(row("sales", "anna", PeriodType.DAY, "2026-11-16").callsMade()).isZero();
    }

    @Test
    void anUnmatchedActivityWithoutARepCountsOnceAttachedForTheRepNamedThen() {
        start(CompanyPeriods.UTC, ManagerActivityTopology.DEFAULT_SUCCESSFUL_CALL_SECONDS);
        open("anna", "d1", "sales", minutes(0));
        log.append(TELEPHONY, report("act-3", Direction.INBOUND, minutes(10), 50, null, null));
        // reported with a rep but matched to no deal: counts in the all-pipelines rows only
        log.append(TELEPHONY, report("act-4", Direction.OUTBOUND, minutes(15), 20, "anna", null));

        assertThat(row(ALL, "anna", PeriodType.DAY, "2026-11-16").callsReceived()).isZero();
        assertThat(row(ALL, "anna", PeriodType.DAY, "2026-11-16").callsMade()).isEqualTo(1);
        assertThat(row("sales", "anna", PeriodType.DAY, "2026-11-16").callsMade()).isZero();

        // carol attaches it to anna's deal the next day; it is delivered to the deal as carol's action
        log.append("carol", new ActivityAttached("act-3", "d1", "anna", minutes(24 * 60)));
        call("carol", "d1", "act-3", Direction.INBOUND, minutes(10), 50, true);

        // it counts for anna, on the day the call took place, once
        ManagerActivity anna = row("sales", "anna", PeriodType.DAY, "2026-11-16");
        assertThat(anna.callsReceived()).isEqualTo(1);
        assertThat(anna.successfulContacts()).isEqualTo(1);
        assertThat(row(ALL, "anna", PeriodType.DAY, "2026-11-16").callsReceived()).isEqualTo(1);
        assertThat(row("sales", "carol", PeriodType.DAY, "2026-11-16").callsReceived()).isZero();
    }

    @Test
    void anOpenedEmailCountsForItsSenderInTheShiftItWasOpened() {
        start(CompanyPeriods.UTC, ManagerActivityTopology.DEFAULT_SUCCESSFUL_CALL_SECONDS);
        open("anna", "d1", "sales", minutes(0));
        email("anna", "d1", "e1", Direction.OUTBOUND, minutes(10));
        // an email bob's mail system reported and delivered onto anna's deal
        log.append(MAIL, new ActivityReceived("act-mail", "mail", "m-1", ActivityKind.EMAIL, Direction.OUTBOUND,
                minutes(20), 0, false, null, null, null, "Offer", "bob@example.com", "client@example.com", "bob", "d1",
                ActivityMatch.EMAIL));
        log.append(MAIL, new EmailLogged("d1", "act-mail", Direction.OUTBOUND, minutes(20), "Offer",
                "bob@example.com", "client@example.com", "m-1"));
        // both opened by the client on Tuesday
        log.append(MAIL, new EmailOpened("d1", "e1", minutes(25 * 60)));
        log.append(MAIL, new EmailOpened("d1", "act-mail", minutes(26 * 60)));

        ManagerActivity annaMonday = row("sales", "anna", PeriodType.DAY, "2026-11-16");
        assertThat(annaMonday.emailsSent()).isEqualTo(1);
        assertThat(annaMonday.emailsOpened()).isZero();
        ManagerActivity annaTuesday = row("sales", "anna", PeriodType.DAY, "2026-11-17");
        assertThat(annaTuesday.emailsOpened()).isEqualTo(1);
        assertThat(annaTuesday.emailsSent()).isZero();
        // the client's opening is no change of anna's card
        assertThat(annaTuesday.cardsChanged()).isZero();
        assertThat(row("sales", "bob", PeriodType.DAY, "2026-11-16").emailsSent()).isEqualTo(1);
        assertThat(row("sales", "bob", PeriodType.DAY, "2026-11-17").emailsOpened()).isEqualTo(1);
        assertThat(row("sales", "anna", PeriodType.WEEK, "2026-W47").emailsOpened()).isEqualTo(1);
    }

    @Test
    void cardsChangedCountsEachDealOncePerPersonAndPeriod() {
        start(CompanyPeriods.UTC, ManagerActivityTopology.DEFAULT_SUCCESSFUL_CALL_SECONDS);
        open("anna", "d1", "sales", minutes(0));
        log.append("anna", new DealAmountChanged("d1", eur("1000.00"), eur("1500.00"), minutes(10)));
        log.append("anna", new CommentAdded("d1", "k1", "Called back", minutes(20)));
        open("anna", "d2", "sales", minutes(30));
        // an integration's delivery changes no one's cards
        open("bob", "d3", "sales", minutes(40));
        call(TELEPHONY, "d3", "act-9", Direction.OUTBOUND, minutes(50), 10, true);
        // Tuesday: d1 again
        log.append("anna", new CommentAdded("d1", "k2", "Sent the contract", minutes(24 * 60)));
        // d2 moves to legal on Tuesday: the transfer is work in sales, a comment after it in legal
        log.append("anna", new DealTransferred("d2", "sales", "lead", "legal", "review", minutes(24 * 60 + 10)));
        log.append("anna", new CommentAdded("d2", "k3", "Over to legal", minutes(24 * 60 + 20)));

        // Monday: d1 (three changes) and d2
        assertThat(row("sales", "anna", PeriodType.DAY, "2026-11-16").cardsChanged()).isEqualTo(2);
        // Tuesday in sales: d1 and d2 (the transfer); in legal: d2; in all pipelines d1 and d2 once each
        assertThat(row("sales", "anna", PeriodType.DAY, "2026-11-17").cardsChanged()).isEqualTo(2);
        assertThat(row("legal", "anna", PeriodType.DAY, "2026-11-17").cardsChanged()).isEqualTo(1);
        assertThat(row(ALL, "anna", PeriodType.DAY, "2026-11-17").cardsChanged()).isEqualTo(2);
        // the week: d1 and d2, each once
        assertThat(row("sales", "anna", PeriodType.WEEK, "2026-W47").cardsChanged()).isEqualTo(2);
        assertThat(row(ALL, "anna", PeriodType.MONTH, "2026-11").cardsChanged()).isEqualTo(2);
        assertThat(row("sales", "bob", PeriodType.DAY, "2026-11-16").cardsChanged()).isEqualTo(1);
        assertThat(row("sales", TELEPHONY, PeriodType.DAY, "2026-11-16")).isNull();
    }

    @Test
    void aRescheduleCountsWhenNoActivityTookPlaceSinceTheTasksPreviousDueTimeWasSet() {
        start(CompanyPeriods.UTC, ManagerActivityTopology.DEFAULT_SUCCESSFUL_CALL_SECONDS);
        open("anna", "d1", "sales", minutes(0));
        log.append("anna", new TaskScheduled("d1", "t1", "Call back", hoursLater(24), minutes(0)));
        // 12:00, nothing since the task was scheduled at 09:00: counted
        reschedule("anna", "d1", "t1", hoursLater(24), hoursLater(48), minutes(180));
        assertThat(row("sales", "anna", PeriodType.DAY, "2026-11-16").tasksRescheduledWithoutActivity()).isEqualTo(1);

        // a call at 13:00, then a reschedule at 14:00: not counted
        call("anna", "d1", "c1", Direction.OUTBOUND, minutes(240), 30, true);
        reschedule("anna", "d1", "t1", hoursLater(48), hoursLater(72), minutes(300));
        assertThat(row("sales", "anna", PeriodType.DAY, "2026-11-16").tasksRescheduledWithoutActivity()).isEqualTo(1);

        // 16:00, nothing since 14:00: counted, for bob who did it
        reschedule("bob", "d1", "t1", hoursLater(72), hoursLater(96), minutes(420));
        assertThat(row("sales", "bob", PeriodType.DAY, "2026-11-16").tasksRescheduledWithoutActivity()).isEqualTo(1);
        assertThat(row(ALL, "bob", PeriodType.DAY, "2026-11-16").tasksRescheduledWithoutActivity()).isEqualTo(1);

        // a meeting at 15:00, between 14:00 and 16:00, logged late: bob's reschedule no longer counts
        log.append("anna", new MeetingLogged("d1", "m1", "Site visit", minutes(360), 30, null));
        assertThat(row("sales", "bob", PeriodType.DAY, "2026-11-16").tasksRescheduledWithoutActivity()).isZero();
        assertThat(row("sales", "anna", PeriodType.DAY, "2026-11-16").tasksRescheduledWithoutActivity()).isEqualTo(1);
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        start(CompanyPeriods.UTC, ManagerActivityTopology.DEFAULT_SUCCESSFUL_CALL_SECONDS);
        open("anna", "d1", "sales", minutes(0));
        call("anna", "d1", "c1", Direction.OUTBOUND, minutes(10), 60, true);
        email("anna", "d1", "e1", Direction.OUTBOUND, minutes(20));
        log.append(MAIL, new EmailOpened("d1", "e1", minutes(30)));
        log.append(TELEPHONY, report("act-1", Direction.INBOUND, minutes(40), 45, "anna", "d1"));
        call(TELEPHONY, "d1", "act-1", Direction.INBOUND, minutes(40), 45, true);
        log.append("anna", new TaskScheduled("d1", "t1", "Call back", hoursLater(24), minutes(50)));
        reschedule("anna", "d1", "t1", hoursLater(24), hoursLater(48), minutes(60));
        ManagerActivity day = row("sales", "anna", PeriodType.DAY, "2026-11-16");
        ManagerActivity all = row(ALL, "anna", PeriodType.QUARTER, "2026-Q4");
        // by hand: c1 out, act-1 in; 60 + 45 s; one email sent and opened; d1; the reschedule
        assertThat(List.of(day.callsMade(), day.callsReceived(), day.talkSeconds(), day.successfulContacts(),
                day.emailsSent(), day.emailsOpened(), day.cardsChanged(), day.tasksRescheduledWithoutActivity()))
                .containsExactly(1L, 1L, 105L, 2L, 1L, 1L, 1L, 1L);
        TestOutputTopic<String, ManagerActivity> output = driver.createOutputTopic(Topics.METRICS_MANAGER_ACTIVITY,
                Serdes.String().deserializer(), JsonSerde.of(ManagerActivity.class).deserializer());
        assertThat(output.readKeyValuesToMap()).containsEntry(
                ManagerActivity.key("sales", "anna", PeriodType.DAY, "2026-11-16"), day);

        log.sent().forEach(log::redeliver);

        assertThat(output.isEmpty()).isTrue();
        assertThat(row("sales", "anna", PeriodType.DAY, "2026-11-16")).isEqualTo(day);
        assertThat(row(ALL, "anna", PeriodType.QUARTER, "2026-Q4")).isEqualTo(all);
    }

    @Test
    void theApplicationWritesTheFamilysTopicThroughNamedRepartitions() {
        String description = AnalyticsTopology.build(CompanyPeriods.UTC, Duration.ofMinutes(1), 40).describe()
                .toString();

        assertThat(description).contains("manager-activity-sink (topic: " + Topics.METRICS_MANAGER_ACTIVITY + ")",
                "manager-activity-by-id-repartition", "manager-activity-deltas-repartition",
                ManagerActivityTopology.DEALS_STORE, ManagerActivityTopology.IDS_STORE,
                ManagerActivityTopology.METRICS_STORE);
    }

    private void start(CompanyPeriods periods, long successfulCallSeconds) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "manager-activity-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
        new ManagerActivityTopology(periods, successfulCallSeconds, Stores::inMemoryKeyValueStore)
                .buildTopology(PipelineEvents.stream(builder));
        driver = new TopologyTestDriver(builder.build(), config);
        log = new ActorLog(driver);
    }

    private ManagerActivity row(String pipelineId, String personId, PeriodType type, String period) {
        KeyValueStore<String, ShiftActivity> store = driver.getKeyValueStore(ManagerActivityTopology.METRICS_STORE);
        ShiftActivity row = store.get(ManagerActivity.key(pipelineId, personId, type, period));
        return row == null ? null : row.metric();
    }

    private static Instant minutes(long minutes) {
        return MONDAY.plus(Duration.ofMinutes(minutes));
    }

    private static Instant hoursLater(long hours) {
        return MONDAY.plus(Duration.ofHours(hours));
    }

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    private void open(String actor, String dealId, String pipelineId, Instant at) {
        log.append(actor, new DealOpened(dealId, pipelineId, "lead", "Deal " + dealId, actor, "north", eur("1000.00"),
                at));
    }

    private void call(String actor, String dealId, String callId, Direction direction, Instant at, long seconds,
                      boolean answered) {
        log.append(actor, new CallLogged(dealId, callId, direction, at, seconds, answered, "+49301234567", null, null,
                null));
    }

    private void email(String actor, String dealId, String emailId, Direction direction, Instant at) {
        log.append(actor, new EmailLogged(dealId, emailId, direction, at, "Offer", "anna@example.com",
                "client@example.com", null));
    }

    private void reschedule(String actor, String dealId, String taskId, Instant previousDueAt, Instant dueAt,
                            Instant at) {
        log.append(actor, new TaskRescheduled(dealId, taskId, previousDueAt, dueAt, at));
    }

    private static ActivityReceived report(String activityId, Direction direction, Instant at, long seconds,
                                           String ownerId, String dealId) {
        return new ActivityReceived(activityId, "telephony", "ext-" + activityId, ActivityKind.CALL, direction, at,
                seconds, true, "+49301234567", null, null, null, null, null, ownerId, dealId,
                dealId == null ? ActivityMatch.UNMATCHED : ActivityMatch.PHONE);
    }
}
