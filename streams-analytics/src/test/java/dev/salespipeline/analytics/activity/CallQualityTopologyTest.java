package dev.salespipeline.analytics.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
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
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.salespipeline.analytics.app.AnalyticsTopology;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.serde.PipelineEvents;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.activity.ActivityKind;
import dev.salespipeline.api.activity.ActivityMatch;
import dev.salespipeline.api.activity.ActivityReceived;
import dev.salespipeline.api.deal.CallLogged;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.deal.TranscriptMatch;
import dev.salespipeline.api.metrics.CallQuality;
import dev.salespipeline.api.metrics.ManagerActivity;
import dev.salespipeline.api.metrics.PeriodType;

/**
 * The call-quality family with figures worked out by hand: what the dictionaries found in the calls (the matches
 * each call carries from its logging), for the person, shift and pipeline of manager control.
 */
class CallQualityTopologyTest {

    /** Monday 16 November 2026, 09:00 UTC. */
    private static final Instant MONDAY = Instant.parse("2026-11-16T09:00:00Z");
    private static final String ALL = ManagerActivity.ALL_PIPELINES;
    private static final String TELEPHONY = "integration:telephony";

    private TopologyTestDriver driver;
    private ActorLog log;

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void aUkrainianStopWordARussianComplaintAndACleanCallWorkedOutByHand() {
        start();
        open("anna", "d1", "sales");
        String stopWord = "Я вам гарантую доставку завтра.";
        call("anna", "d1", "c1", Direction.OUTBOUND, minutes(10), stopWord,
                List.of(new TranscriptMatch("uk", "stop-words", "гарантую", 6, 14, "гарантую")));
        String complaint = "Я хочу оставить жалобу на доставку.";
        call("anna", "d1", "c2", Direction.INBOUND, minutes(20), complaint,
                List.of(new TranscriptMatch("ru", "complaints", "жалоба", 16, 22, "жалобу")));
        call("anna", "d1", "c3", Direction.OUTBOUND, minutes(30), "Дякую за дзвінок, до побачення.", List.of());
        call("anna", "d1", "c4", Direction.OUTBOUND, minutes(40), null, List.of());

        // by hand: four calls, three with a transcript, one with a stop word, one with a complaint, none profane
        CallQuality day = quality("sales", "anna", PeriodType.DAY, "2026-11-16");
        assertThat(List.of(day.calls(), day.callsChecked(), day.callsWithStopWords(), day.callsWithComplaint(),
                day.callsWithProfanity())).containsExactly(4L, 3L, 1L, 1L, 0L);
        assertThat(day.matchesByList()).isEqualTo(Map.of("stop-words", 1L, "complaints", 1L));
        assertThat(quality(ALL, "anna", PeriodType.WEEK, "2026-W47")).isEqualTo(new CallQuality(ALL, "anna",
                PeriodType.WEEK, "2026-W47", 4, 3, 1, 1, 0, Map.of("stop-words", 1L, "complaints", 1L)));

        TestOutputTopic<String, CallQuality> output = qualityTopic();
        assertThat(output.readKeyValuesToMap()).containsEntry(
                CallQuality.key("sales", "anna", PeriodType.DAY, "2026-11-16"), day);
    }

    @Test
    void aReportedCallCountsForTheReportsRepAndItsMatchesWhenItIsLoggedOnTheDeal() {
        start();
        open("anna", "d1", "sales");
        log.append(TELEPHONY, new ActivityReceived("act-1", "telephony", "ext-1", ActivityKind.CALL,
                Direction.INBOUND, minutes(10), 120, true, "+49301234567", null, "Damn it, damn.", null, null, null,
                "bob", "d1", ActivityMatch.PHONE));

        // reported, not logged yet: a call of bob's in all pipelines, not checked
        CallQuality reported = quality(ALL, "bob", PeriodType.DAY, "2026-11-16");
        assertThat(List.of(reported.calls(), reported.callsChecked())).containsExactly(1L, 0L);

        call(TELEPHONY, "d1", "act-1", Direction.INBOUND, minutes(10), "Damn it, damn.", List.of(
                new TranscriptMatch("en", "profanity", "damn", 0, 4, "Damn"),
                new TranscriptMatch("en", "profanity", "damn", 9, 13, "damn")));

        // one call, for bob: profane once, two matches
        CallQuality logged = quality("sales", "bob", PeriodType.DAY, "2026-11-16");
        assertThat(logged).isEqualTo(new CallQuality("sales", "bob", PeriodType.DAY, "2026-11-16", 1, 1, 0, 0, 1,
                Map.of("profanity", 2L)));
        assertThat(quality(ALL, "bob", PeriodType.DAY, "2026-11-16")).isEqualTo(new CallQuality(ALL, "bob",
                PeriodType.DAY, "2026-11-16", 1, 1, 0, 0, 1, Map.of("profanity", 2L)));
        assertThat(quality("sales", TELEPHONY, PeriodType.DAY, "2026-11-16")).isNull();
    }

    @Test
    void aRedeliveredCallChangesNothingAndACardChangeWritesNoCallQualityRow() {
        start();
        open("anna", "d1", "sales");
        call("anna", "d1", "c1", Direction.OUTBOUND, minutes(10), "Complaint, complaint!", List.of(
                new TranscriptMatch("en", "complaints", "complaint", 0, 9, "Complaint"),
                new TranscriptMatch("en", "complaints", "complaint", 11, 20, "complaint")));
        CallQuality day = quality("sales", "anna", PeriodType.DAY, "2026-11-16");
        TestOutputTopic<String, CallQuality> output = qualityTopic();
        assertThat(output.readKeyValuesToMap()).containsEntry(
                CallQuality.key("sales", "anna", PeriodType.DAY, "2026-11-16"), day);

        TestOutputTopic<String, ManagerActivity> activity = driver.createOutputTopic(
                Topics.METRICS_MANAGER_ACTIVITY, Serdes.String().deserializer(),
                JsonSerde.of(ManagerActivity.class).deserializer());
        activity.readKeyValuesToMap();

        log.sent().forEach(log::redeliver);
        assertThat(output.isEmpty()).as("a redelivered call changes nothing").isTrue();
        // another card changed: a manager-activity row, no call-quality row
        open("anna", "d2", "sales");
        log.append("anna", new DealMovedToStage("d2", "sales", "lead", "qualified", minutes(20)));

        assertThat(activity.readKeyValuesToMap().get(ManagerActivity.key("sales", "anna", PeriodType.DAY,
                "2026-11-16")).cardsChanged()).isEqualTo(2);
        assertThat(output.isEmpty()).as("the card changes do not concern calls").isTrue();
        assertThat(quality("sales", "anna", PeriodType.DAY, "2026-11-16")).isEqualTo(day);
        assertThat(day.matchesByList()).isEqualTo(Map.of("complaints", 2L));
        assertThat(day.callsWithComplaint()).isEqualTo(1);
    }

    @Test
    void theApplicationWritesTheFamilysTopic() {
        String description = AnalyticsTopology.build(CompanyPeriods.UTC, Duration.ofMinutes(1), 40).describe()
                .toString();

        assertThat(description).contains("call-quality-sink (topic: " + Topics.METRICS_CALL_QUALITY + ")");
    }

    private void start() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "call-quality-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG,
                BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
        new ManagerActivityTopology(CompanyPeriods.UTC, ManagerActivityTopology.DEFAULT_SUCCESSFUL_CALL_SECONDS,
                Stores::inMemoryKeyValueStore).buildTopology(PipelineEvents.stream(builder));
        driver = new TopologyTestDriver(builder.build(), config);
        log = new ActorLog(driver);
    }

    private TestOutputTopic<String, CallQuality> qualityTopic() {
        return driver.createOutputTopic(Topics.METRICS_CALL_QUALITY, Serdes.String().deserializer(),
                JsonSerde.of(CallQuality.class).deserializer());
    }

    private CallQuality quality(String pipelineId, String personId, PeriodType type, String period) {
        KeyValueStore<String, ShiftActivity> store = driver.getKeyValueStore(ManagerActivityTopology.METRICS_STORE);
        ShiftActivity row = store.get(ManagerActivity.key(pipelineId, personId, type, period));
        return row == null ? null : row.quality();
    }

    private static Instant minutes(long minutes) {
        return MONDAY.plus(Duration.ofMinutes(minutes));
    }

    private void open(String actor, String dealId, String pipelineId) {
        log.append(actor, new DealOpened(dealId, pipelineId, "lead", "Deal " + dealId, actor, "north",
                Money.of("1000.00", "EUR"), MONDAY));
    }

    private void call(String actor, String dealId, String callId, Direction direction, Instant at, String transcript,
                      List<TranscriptMatch> matches) {
        log.append(actor, new CallLogged(dealId, callId, direction, at, 60, transcript != null, "+49301234567", null,
                transcript, null, matches));
    }
}
