package dev.salespipeline.analytics.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.LongStream;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.serde.PipelineEvents;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.deal.CallLogged;
import dev.salespipeline.api.deal.CommentAdded;
import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealTransferred;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.api.deal.EmailLogged;
import dev.salespipeline.api.deal.EmailOpened;
import dev.salespipeline.api.deal.MeetingLogged;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.deal.TaskRescheduled;
import dev.salespipeline.api.deal.TaskScheduled;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.deal.TranscriptMatch;
import dev.salespipeline.api.metrics.CallQuality;
import dev.salespipeline.api.metrics.ManagerActivity;
import dev.salespipeline.api.metrics.PeriodType;

/**
 * The manager-activity family against a batch computation: random histories of deals worked by several people in
 * two pipelines (calls of every kind, emails sent, received and opened, meetings, comments, tasks scheduled and
 * rescheduled with and without activity in between, hand-overs, transfers), every deal's events read in an order
 * unrelated to business time across deals, with redeliveries. The final value of every key of the topic is the
 * batch computation's row, which follows {@code docs/metrics.md} and shares no code with the topology.
 */
class ManagerActivityRandomHistoriesTest {

    private static final List<String> PEOPLE = List.of("anna", "ben", "cleo");
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Instant START = Instant.parse("2026-09-20T00:00:00Z");
    private static final long SUCCESSFUL = 40;
    private static final List<String> LISTS = List.of("stop-words", "complaints", "profanity", "competitors");

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 6);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyRowIsTheBatchComputationsRow(long seed) {
        Random random = new Random(seed);
        List<Acted> history = history(random, 30);
        Map<String, ManagerActivity> rows;
        Map<String, CallQuality> quality;
        try (TopologyTestDriver driver = start()) {
            ActorLog log = new ActorLog(driver);
            List<EventEnvelope<?>> published = new ArrayList<>();
            for (Acted acted : history) {
                published.add(log.append(acted.actor(), acted.event()));
                if (random.nextInt(8) == 0) {
                    log.redeliver(published.get(random.nextInt(published.size())));
                }
            }
            rows = new TreeMap<>(driver.createOutputTopic(Topics.METRICS_MANAGER_ACTIVITY,
                    Serdes.String().deserializer(), JsonSerde.of(ManagerActivity.class).deserializer())
                    .readKeyValuesToMap());
            quality = new TreeMap<>(driver.createOutputTopic(Topics.METRICS_CALL_QUALITY,
                    Serdes.String().deserializer(), JsonSerde.of(CallQuality.class).deserializer())
                    .readKeyValuesToMap());
        }
        Map<String, long[]> expected = batch(history);
        String context = "seed " + seed;
        Map<String, CallQuality> expectedQuality = qualityBatch(history);
        assertThat(expectedQuality).as(context).isNotEmpty();
        assertThat(quality).as(context + " call quality").isEqualTo(expectedQuality);

        assertThat(expected).as(context).isNotEmpty();
        assertThat(rows.keySet()).as(context + " keys").isEqualTo(expected.keySet());
        expected.forEach((key, counts) -> {
            ManagerActivity row = rows.get(key);
            assertThat(new long[] {row.callsMade(), row.callsReceived(), row.talkSeconds(), row.successfulContacts(),
                    row.missedInbound(), row.missedOutbound(), row.emailsSent(), row.emailsReceived(),
                    row.emailsOpened(), row.cardsChanged(), row.tasksRescheduledWithoutActivity()})
                    .as(context + " " + key).isEqualTo(counts);
            // counts[6] is emails sent, counts[8] emails opened
            assertThat(row.emailOpenRate()).as(context + " open rate " + key)
                    .isEqualTo(counts[6] == 0 ? null : (double) counts[8] / counts[6]);
        });
    }

    private static TopologyTestDriver start() {
        java.util.Properties config = new java.util.Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "manager-activity-random-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
        new ManagerActivityTopology(new CompanyPeriods(ZONE), SUCCESSFUL, Stores::inMemoryKeyValueStore)
                .buildTopology(PipelineEvents.stream(builder));
        return new TopologyTestDriver(builder.build(), config);
    }

    /** An event and who caused it. */
    record Acted(String actor, DomainEvent event) {
    }

    // ---------------------------------------------------------------------------------------------------------
    // The history: each deal's events in business-time order, the deals interleaved at random.

    static List<Acted> history(Random random, int dealCount) {
        List<List<Acted>> byDeal = new ArrayList<>();
        for (int d = 0; d < dealCount; d++) {
            byDeal.add(deal(random, "deal-" + d));
        }
        List<Acted> events = new ArrayList<>();
        int[] next = new int[byDeal.size()];
        int remaining = byDeal.stream().mapToInt(List::size).sum();
        while (remaining > 0) {
            int d = random.nextInt(byDeal.size());
            if (next[d] < byDeal.get(d).size()) {
                events.add(byDeal.get(d).get(next[d]++));
                remaining--;
            }
        }
        return events;
    }

    private static List<Acted> deal(Random random, String dealId) {
        List<Acted> events = new ArrayList<>();
        Instant at = START.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 60)));
        String pipeline = random.nextBoolean() ? "sales" : "legal";
        String owner = PEOPLE.get(random.nextInt(PEOPLE.size()));
        events.add(new Acted(owner, new DealOpened(dealId, pipeline, "lead", "Deal " + dealId, owner, "north",
                Money.of("1000.00", "EUR"), at)));
        List<String> tasks = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        int steps = 3 + random.nextInt(12);
        for (int step = 0; step < steps; step++) {
            // some steps an hour apart, so that several land in one shift
            at = at.plus(random.nextInt(3) == 0 ? Duration.ofHours(1)
                    : Duration.ofMinutes(30 + random.nextInt(60 * 24 * 5)));
            String actor = PEOPLE.get(random.nextInt(PEOPLE.size()));
            String id = dealId + "-" + step;
            int roll = random.nextInt(100);
            DomainEvent event;
            if (roll < 25) {
                int duration = random.nextInt(4) == 0 ? 40 : random.nextInt(120);
                // the transcript and its matches from a generator of their own, so that the rest of the history
                // is the one this test had before calls carried matches
                Random speech = new Random(id.hashCode());
                String transcript = speech.nextInt(3) == 0 ? null : "Transcript of " + id;
                List<TranscriptMatch> matches = new ArrayList<>();
                for (int m = transcript == null ? 0 : speech.nextInt(4); m > 0; m--) {
                    matches.add(new TranscriptMatch("uk", LISTS.get(speech.nextInt(LISTS.size())), "phrase", 0, 10,
                            "Transcript"));
                }
                event = new CallLogged(dealId, "call-" + id, random.nextBoolean() ? Direction.INBOUND : Direction.OUTBOUND,
                        at, duration, random.nextBoolean(), "+4930" + random.nextInt(1_000_000), null, transcript, null,
                        matches);
            } else if (roll < 37) {
                Direction direction = random.nextInt(3) == 0 ? Direction.INBOUND : Direction.OUTBOUND;
                event = new EmailLogged(dealId, "email-" + id, direction, at, "Offer", "a@example.com",
                        "b@example.com", null);
                emails.add("email-" + id);
            } else if (roll < 45 && !emails.isEmpty()) {
                // the client opens an email, perhaps again; nobody in particular reports it
                event = new EmailOpened(dealId, emails.get(random.nextInt(emails.size())), at);
                actor = "integration:mail";
            } else if (roll < 52) {
                event = random.nextBoolean() ? new MeetingLogged(dealId, "meeting-" + id, "Meeting", at, 30, null)
                        : new CommentAdded(dealId, "comment-" + id, "Noted", at);
            } else if (roll < 62) {
                tasks.add("task-" + id);
                event = new TaskScheduled(dealId, "task-" + id, "Call back", at.plus(Duration.ofDays(1)), at);
            } else if (roll < 77 && !tasks.isEmpty()) {
                event = new TaskRescheduled(dealId, tasks.get(random.nextInt(tasks.size())), at, at.plus(Duration.ofDays(2)),
                        at);
            } else if (roll < 85) {
                event = new DealMovedToStage(dealId, pipeline, "lead", "qualified", at);
            } else if (roll < 92) {
                String to = pipeline.equals("sales") ? "legal" : "sales";
                event = new DealTransferred(dealId, pipeline, "lead", to, "lead", at);
                pipeline = to;
            } else {
                String to = PEOPLE.get(random.nextInt(PEOPLE.size()));
                event = new DealHandedOver(dealId, owner, to, "north", "north", null, at);
                owner = to;
            }
            events.add(new Acted(actor, event));
        }
        return events;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The batch computation, from the definitions, over each deal's events in business-time order.

    private static final int CALLS_MADE = 0;
    private static final int CALLS_RECEIVED = 1;
    private static final int TALK = 2;
    private static final int SUCCESSFUL_CONTACTS = 3;
    private static final int MISSED_INBOUND = 4;
    private static final int MISSED_OUTBOUND = 5;
    private static final int EMAILS_SENT = 6;
    private static final int EMAILS_RECEIVED = 7;
    private static final int EMAILS_OPENED = 8;
    private static final int CARDS = 9;
    private static final int RESCHEDULED = 10;

    private static Map<String, long[]> batch(List<Acted> history) {
        Map<String, long[]> rows = new TreeMap<>();
        Map<String, Set<String>> cards = new HashMap<>();
        Map<String, List<Acted>> byDeal = new LinkedHashMap<>();
        history.forEach(acted -> byDeal.computeIfAbsent(acted.event().aggregateId(), k -> new ArrayList<>()).add(acted));
        byDeal.forEach((dealId, events) -> {
            String pipeline = null;
            Map<String, String[]> emails = new HashMap<>(); // id -> sender, pipeline
            Map<String, Instant> firstOpened = new HashMap<>();
            Map<String, Instant> dueSetAt = new HashMap<>();
            List<Instant> activities = new ArrayList<>();
            events.stream().map(Acted::event).filter(e -> e instanceof CallLogged || e instanceof EmailLogged
                    || e instanceof MeetingLogged || e instanceof CommentAdded).forEach(e -> activities.add(e.occurredAt()));
            for (Acted acted : events) {
                DomainEvent event = acted.event();
                String person = acted.actor().startsWith("integration:") ? null : acted.actor();
                if (event instanceof DealOpened opened) {
                    pipeline = opened.pipelineId();
                }
                Instant at = event.occurredAt();
                if (person != null && !(event instanceof EmailOpened)) {
                    for (String key : keys(pipeline, person, at)) {
                        cards.computeIfAbsent(key, k -> new HashSet<>()).add(dealId);
                    }
                }
                if (event instanceof CallLogged call) {
                    boolean out = call.direction() == Direction.OUTBOUND;
                    add(rows, pipeline, person, at, out ? CALLS_MADE : CALLS_RECEIVED, 1);
                    if (call.answered()) {
                        add(rows, pipeline, person, at, TALK, call.durationSeconds());
                        if (call.durationSeconds() >= SUCCESSFUL) {
                            add(rows, pipeline, person, at, SUCCESSFUL_CONTACTS, 1);
                        }
                    } else {
                        add(rows, pipeline, person, at, out ? MISSED_OUTBOUND : MISSED_INBOUND, 1);
                    }
                } else if (event instanceof EmailLogged email) {
                    boolean out = email.direction() == Direction.OUTBOUND;
                    add(rows, pipeline, person, at, out ? EMAILS_SENT : EMAILS_RECEIVED, 1);
                    if (out) {
                        emails.put(email.emailId(), new String[] {person, pipeline});
                    }
                } else if (event instanceof EmailOpened opened) {
                    firstOpened.merge(opened.emailId(), at, (a, b) -> a.isBefore(b) ? a : b);
                } else if (event instanceof TaskScheduled scheduled) {
                    dueSetAt.put(scheduled.taskId(), at);
                } else if (event instanceof TaskRescheduled rescheduled) {
                    Instant previous = dueSetAt.put(rescheduled.taskId(), at);
                    boolean activity = activities.stream().anyMatch(t -> t.isAfter(previous) && !t.isAfter(at));
                    if (!activity) {
                        add(rows, pipeline, person, at, RESCHEDULED, 1);
                    }
                } else if (event instanceof DealTransferred transferred) {
                    pipeline = transferred.toPipelineId();
                }
            }
            firstOpened.forEach((emailId, at) -> {
                String[] sent = emails.get(emailId);
                if (sent != null) {
                    add(rows, sent[1], sent[0], at, EMAILS_OPENED, 1);
                }
            });
        });
        cards.forEach((key, deals) -> rows.computeIfAbsent(key, k -> new long[11])[CARDS] = deals.size());
        return rows;
    }

    /**
     * The call-quality rows, from the definitions: every row of a person and period with a call has one; a call
     * with a transcript is checked, and counts once for each of the known lists it has a match of.
     */
    private static Map<String, CallQuality> qualityBatch(List<Acted> history) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, Map<String, Long>> byList = new HashMap<>();
        Map<String, String> pipelines = new HashMap<>();
        for (Acted acted : history.stream().sorted(java.util.Comparator.comparing(
                (Acted a) -> a.event().aggregateId())).toList()) {
            // each deal's events keep their order in the sorted list: the sort is stable
            DomainEvent event = acted.event();
            if (event instanceof DealOpened opened) {
                pipelines.put(opened.dealId(), opened.pipelineId());
            } else if (event instanceof DealTransferred transferred) {
                pipelines.put(transferred.dealId(), transferred.toPipelineId());
            } else if (event instanceof CallLogged call && !acted.actor().startsWith("integration:")) {
                Set<String> lists = new HashSet<>();
                call.transcriptMatches().forEach(match -> lists.add(match.list()));
                for (String key : keys(pipelines.get(call.dealId()), acted.actor(), call.occurredAt())) {
                    long[] row = counts.computeIfAbsent(key, k -> new long[5]);
                    row[0]++;
                    if (call.transcript() != null) {
                        row[1]++;
                    }
                    row[2] += lists.contains("stop-words") ? 1 : 0;
                    row[3] += lists.contains("complaints") ? 1 : 0;
                    row[4] += lists.contains("profanity") ? 1 : 0;
                    call.transcriptMatches().forEach(match -> byList.computeIfAbsent(key, k -> new TreeMap<>())
                            .merge(match.list(), 1L, Long::sum));
                }
            }
        }
        Map<String, CallQuality> rows = new TreeMap<>();
        counts.forEach((key, row) -> {
            dev.salespipeline.api.metrics.MetricKey parsed = dev.salespipeline.api.metrics.MetricKey.parse(key);
            rows.put(key, new CallQuality(parsed.pipelineId(), parsed.ownerId(), parsed.periodType(), parsed.period(),
                    row[0], row[1], row[2], row[3], row[4], byList.getOrDefault(key, Map.of())));
        });
        return rows;
    }

    private static List<String> keys(String pipeline, String person, Instant at) {
        List<String> keys = new ArrayList<>();
        LocalDate date = LocalDate.ofInstant(at, ZONE);
        for (String p : List.of(pipeline, ManagerActivity.ALL_PIPELINES)) {
            for (PeriodType type : PeriodType.values()) {
                keys.add(ManagerActivity.key(p, person, type, type.label(date)));
            }
        }
        return keys;
    }

    private static void add(Map<String, long[]> rows, String pipeline, String person, Instant at, int figure,
                            long by) {
        for (String key : keys(pipeline, person, at)) {
            rows.computeIfAbsent(key, k -> new long[11])[figure] += by;
        }
    }
}
