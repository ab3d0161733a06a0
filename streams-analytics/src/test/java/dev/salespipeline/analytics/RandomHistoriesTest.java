package dev.salespipeline.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
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

import dev.salespipeline.analytics.conversion.ConversionTopology;
import dev.salespipeline.analytics.forecast.ForecastTopology;
import dev.salespipeline.analytics.deal.DealTables;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.serde.PipelineEvents;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.analytics.velocity.VelocityTopology;
import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.deal.CallLogged;
import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.deal.DealLost;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealReopened;
import dev.salespipeline.api.deal.DealWon;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.metrics.WeightedPipeline;
import dev.salespipeline.api.metrics.SalesCycle;
import dev.salespipeline.api.metrics.StageConversion;
import dev.salespipeline.api.metrics.StageReach;
import dev.salespipeline.api.metrics.StageTime;
import dev.salespipeline.api.metrics.TimeInStage;
import dev.salespipeline.api.metrics.WinRate;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.StageDefinition;

/**
 * A property of the conversion and velocity families, and of the forecast family's weighted pipeline: for any
 * history of deals, the metrics the topologies publish are those a straightforward batch computation over the same
 * list of events gives. Each seed makes a
 * history of many deals opened over two months, moved forward, back and past stages, won, lost, reopened,
 * handed over and called, interleaved across deals and with redelivered events; the batch computation below
 * follows the definitions in {@code docs/metrics.md} and shares no code with the topologies. A failure names
 * its seed, which replays the same history.
 */
class RandomHistoriesTest {

    private static final List<String> STAGES = List.of("lead", "qualified", "proposal", "negotiation");
    private static final List<String> OWNERS = List.of("anna", "ben", "cleo");
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Instant START = Instant.parse("2026-09-20T00:00:00Z");
    private static final double SKETCH_ACCURACY = 0.01;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 8);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theTopologiesAgreeWithABatchComputationOverTheSameEvents(long seed) {
        History history = History.generate(new Random(seed), 30);
        Map<String, StageConversion> conversions;
        Map<String, WinRate> winRates;
        Map<String, TimeInStage> timesInStage;
        Map<String, SalesCycle> cycles;
        Map<String, WeightedPipeline> weighted;
        try (TopologyTestDriver driver = start()) {
            EventLog log = new EventLog(driver);
            List<EventEnvelope<?>> published = new ArrayList<>();
            Random redeliveries = new Random(seed * 31);
            for (DomainEvent event : history.events()) {
                published.add(log.append(event));
                if (redeliveries.nextInt(10) == 0) {
                    log.redeliver(published.get(redeliveries.nextInt(published.size())));
                }
            }
            conversions = latest(driver, Topics.METRICS_CONVERSION, StageConversion.class);
            winRates = latest(driver, Topics.METRICS_WIN_RATE, WinRate.class);
            timesInStage = latest(driver, Topics.METRICS_TIME_IN_STAGE, TimeInStage.class);
            cycles = latest(driver, Topics.METRICS_SALES_CYCLE, SalesCycle.class);
            weighted = driver.createOutputTopic(Topics.METRICS_WEIGHTED_PIPELINE, Serdes.String().deserializer(),
                    JsonSerde.of(WeightedPipeline.class).deserializer()).readKeyValuesToMap();
        }
        Batch batch = Batch.of(history.deals().values());
        String context = "seed " + seed;

        assertThat(batch.cohorts).as(context).isNotEmpty();
        Set<String> cohortKeys = new HashSet<>(batch.cohorts.keySet());
        cohortKeys.addAll(conversions.keySet());
        for (String key : cohortKeys) {
            Cohort expected = batch.cohorts.getOrDefault(key, new Cohort());
            StageConversion actual = conversions.get(key);
            assertThat(actual).as(context + " conversion " + key).isNotNull();
            assertThat(actual.opened()).as(context + " opened " + key).isEqualTo(expected.opened);
            assertThat(actual.won()).as(context + " won " + key).isEqualTo(expected.won);
            assertThat(actual.lost()).as(context + " lost " + key).isEqualTo(expected.lost);
            for (int i = 0; i < STAGES.size(); i++) {
                String stage = STAGES.get(i);
                StageReach reach = actual.stages().stream().filter(s -> s.stageId().equals(stage)).findFirst()
                        .orElseThrow(() -> new AssertionError(context + " no stage " + stage + " in " + key));
                assertThat(reach.reached()).as(context + " reached " + stage + " " + key).isEqualTo(expected.reached[i]);
                assertThat(reach.entered()).as(context + " entered " + stage + " " + key).isEqualTo(expected.entered[i]);
                long next = i + 1 < STAGES.size() ? expected.reached[i + 1] : expected.won;
                Double conversion = expected.reached[i] == 0 ? null : (double) next / expected.reached[i];
                assertThat(reach.conversionToNext()).as(context + " conversion " + stage + " " + key)
                        .isEqualTo(conversion);
            }
            assertThat(actual.leadToWin()).as(context + " lead to win " + key)
                    .isEqualTo(expected.opened == 0 ? null : (double) expected.won / expected.opened);
        }

        assertThat(batch.closings).as(context).isNotEmpty();
        Set<String> closingKeys = new HashSet<>(batch.closings.keySet());
        closingKeys.addAll(winRates.keySet());
        for (String key : closingKeys) {
            long[] expected = batch.closings.getOrDefault(key, new long[2]);
            WinRate actual = winRates.get(key);
            assertThat(actual).as(context + " win rate " + key).isNotNull();
            assertThat(actual.won()).as(context + " won " + key).isEqualTo(expected[0]);
            assertThat(actual.lost()).as(context + " lost " + key).isEqualTo(expected[1]);
            assertThat(actual.winRate()).as(context + " win rate " + key).isEqualTo(
                    expected[0] + expected[1] == 0 ? null : (double) expected[0] / (expected[0] + expected[1]));
        }

        assertThat(batch.stageTimes).as(context).isNotEmpty();
        Set<String> timeKeys = new HashSet<>(batch.stageTimes.keySet());
        timeKeys.addAll(timesInStage.keySet());
        for (String key : timeKeys) {
            Map<String, List<Long>> expected = batch.stageTimes.getOrDefault(key, Map.of());
            TimeInStage actual = timesInStage.get(key);
            assertThat(actual).as(context + " time in stage " + key).isNotNull();
            assertThat(actual.stages()).extracting(StageTime::stageId).as(context + " stages " + key)
                    .containsExactlyInAnyOrderElementsOf(expected.keySet());
            for (StageTime stage : actual.stages()) {
                List<Long> millis = expected.get(stage.stageId());
                String what = context + " time in " + stage.stageId() + " " + key;
                assertThat(stage.deals()).as(what).isEqualTo(millis.size());
                assertThat(stage.meanSeconds()).as(what + " mean").isCloseTo(mean(millis) / 1000, within(1e-6));
                assertWithinSketchAccuracy(stage.medianSeconds(), rank(millis, 0.5) / 1000.0, what + " median");
                assertWithinSketchAccuracy(stage.p90Seconds(), rank(millis, 0.9) / 1000.0, what + " p90");
            }
        }

        assertThat(batch.cycles).as(context).isNotEmpty();
        Set<String> cycleKeys = new HashSet<>(batch.cycles.keySet());
        cycleKeys.addAll(cycles.keySet());
        for (String key : cycleKeys) {
            List<Long> millis = batch.cycles.getOrDefault(key, List.of());
            SalesCycle actual = cycles.get(key);
            assertThat(actual).as(context + " cycle " + key).isNotNull();
            assertThat(actual.won()).as(context + " cycle won " + key).isEqualTo(millis.size());
            if (millis.isEmpty()) {
                assertThat(actual.meanDays()).as(context + " cycle mean " + key).isNull();
            } else {
                double day = Duration.ofDays(1).toMillis();
                assertThat(actual.meanDays()).as(context + " cycle mean " + key).isCloseTo(mean(millis) / day,
                        within(1e-9));
                assertWithinSketchAccuracy(actual.medianDays(), rank(millis, 0.5) / day, context + " cycle median " + key);
            }
        }

        // every deal is of 1000 EUR in a stage of 20 %, without a channel or an expected close date: the open deals
        // of each owner, and of all, count in the period "none" of every period type
        Map<String, Long> openDeals = new TreeMap<>();
        for (String owner : java.util.Arrays.asList("anna", "ben", "cleo", null)) {
            long open = history.deals().values().stream().filter(deal -> deal.status.equals("OPEN"))
                    .filter(deal -> owner == null || owner.equals(deal.owner)).count();
            for (String channel : java.util.Arrays.asList(MetricKey.NO_SOURCE_CHANNEL, null)) {
                for (PeriodType type : PeriodType.values()) {
                    openDeals.put(WeightedPipeline.key(new MetricKey("sales", owner, channel, type,
                            WeightedPipeline.NO_DATE), "EUR"), open);
                }
            }
        }
        assertThat(openDeals.keySet()).as(context + " weighted keys").containsAll(weighted.keySet());
        openDeals.forEach((key, open) -> {
            WeightedPipeline actual = weighted.get(key);
            if (open > 0) {
                assertThat(actual).as(context + " weighted " + key).isNotNull();
            }
            if (actual != null) {
                assertThat(actual.openDeals()).as(context + " weighted deals " + key).isEqualTo(open);
                assertThat(actual.amount()).as(context + " weighted amount " + key)
                        .isEqualByComparingTo(BigDecimal.valueOf(1000 * open));
                assertThat(actual.weightedAmount()).as(context + " weighted amount " + key)
                        .isEqualByComparingTo(BigDecimal.valueOf(200 * open));
            }
        });
    }

    private static TopologyTestDriver start() {
        java.util.Properties config = new java.util.Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "random-histories-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
        var events = PipelineEvents.stream(builder);
        DealTables tables = DealTables.from(events);
        CompanyPeriods periods = new CompanyPeriods(ZONE);
        new ConversionTopology(periods, Stores::inMemoryKeyValueStore).buildTopology(tables);
        new VelocityTopology(periods, Stores::inMemoryKeyValueStore).buildTopology(tables);
        new ForecastTopology(periods, Duration.ofMinutes(1), Stores::inMemoryKeyValueStore)
                .buildTopology(events, tables);
        return new TopologyTestDriver(builder.build(), config);
    }

    /**
     * The latest value of each key of all channels. Every deal here is without a channel, so the rows of
     * channel {@value MetricKey#NO_SOURCE_CHANNEL} must hold the same values, which is checked here too.
     */
    private static <T> Map<String, T> latest(TopologyTestDriver driver, String topic, Class<T> type) {
        Map<String, T> values = driver.createOutputTopic(topic, Serdes.String().deserializer(),
                JsonSerde.of(type).deserializer()).readKeyValuesToMap();
        Map<String, T> allChannels = new TreeMap<>();
        Map<String, T> noChannel = new TreeMap<>();
        values.forEach((key, value) -> {
            MetricKey metricKey = MetricKey.parse(key);
            if (metricKey.sourceChannel() == null) {
                allChannels.put(key, value);
            } else {
                noChannel.put(new MetricKey(metricKey.pipelineId(), metricKey.ownerId(), null, metricKey.periodType(),
                        metricKey.period()).asString(), value);
            }
        });
        assertThat(noChannel.keySet()).as(topic + ": rows of deals without a channel").isEqualTo(allChannels.keySet());
        noChannel.forEach((key, value) -> assertThat(stripChannel(value)).as(topic + " " + key)
                .isEqualTo(stripChannel(allChannels.get(key))));
        return allChannels;
    }

    /** The value as JSON without its channel, to compare a channel's row with the row of all channels. */
    private static String stripChannel(Object value) {
        String json = new String(JsonSerde.of(Object.class).serializer().serialize("", value),
                java.nio.charset.StandardCharsets.UTF_8);
        return json.replaceAll("\"sourceChannel\":(\"-\"|null),?", "");
    }

    private static double mean(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).average().orElseThrow();
    }

    /** The value at rank {@code floor(q (n - 1))} in ascending order. */
    private static long rank(List<Long> values, double quantile) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.floor(quantile * (sorted.size() - 1)));
    }

    private static void assertWithinSketchAccuracy(Double actual, double exact, String what) {
        assertThat(actual).as(what).isNotNull();
        assertThat(actual).as(what).isCloseTo(exact, within(exact * SKETCH_ACCURACY + 1e-9));
    }

    // ---------------------------------------------------------------------------------------------------------
    // The history: each deal's events in order, interleaved at random across deals.

    /** What happened to one deal, as the batch computation needs it. */
    static final class DealStory {
        final String dealId;
        String owner;
        Instant openedAt;
        String stage;
        Instant enteredAt;
        String status = "OPEN";
        Instant closedAt;
        final Set<String> entered = new HashSet<>();
        /** Completed time per stage and when the deal last left it. */
        final Map<String, Long> stageMillis = new HashMap<>();
        final Map<String, Instant> lastLeft = new HashMap<>();

        DealStory(String dealId) {
            this.dealId = dealId;
        }

        void leaveStage(Instant at) {
            stageMillis.merge(stage, Duration.between(enteredAt, at).toMillis(), Long::sum);
            lastLeft.put(stage, at);
        }
    }

    record History(List<DomainEvent> events, Map<String, DealStory> deals) {

        static History generate(Random random, int dealCount) {
            List<DomainEvent> events = new ArrayList<>();
            events.add(new PipelineDefined("sales", "Sales", STAGES.stream()
                    .map(id -> new StageDefinition(id, id, 20, Duration.ofDays(30), null)).toList(),
                    Duration.ofDays(60), List.of("Price"), START.minus(Duration.ofDays(30))));
            Map<String, DealStory> deals = new LinkedHashMap<>();
            List<List<DomainEvent>> perDeal = new ArrayList<>();
            for (int d = 0; d < dealCount; d++) {
                DealStory deal = new DealStory("deal-" + d);
                deals.put(deal.dealId, deal);
                perDeal.add(journey(random, deal));
            }
            // Interleave the deals' events at random, keeping each deal's own order.
            int[] next = new int[perDeal.size()];
            int remaining = perDeal.stream().mapToInt(List::size).sum();
            while (remaining > 0) {
                int d = random.nextInt(perDeal.size());
                if (next[d] < perDeal.get(d).size()) {
                    events.add(perDeal.get(d).get(next[d]++));
                    remaining--;
                }
            }
            return new History(events, deals);
        }

        private static List<DomainEvent> journey(Random random, DealStory deal) {
            List<DomainEvent> events = new ArrayList<>();
            Instant at = START.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 60)));
            deal.owner = OWNERS.get(random.nextInt(OWNERS.size()));
            deal.openedAt = at;
            deal.stage = "lead";
            deal.enteredAt = at;
            deal.entered.add("lead");
            events.add(new DealOpened(deal.dealId, "sales", "lead", "Deal " + deal.dealId, deal.owner, "north",
                    Money.of("1000.00", "EUR"), at));
            int steps = random.nextInt(9);
            for (int step = 0; step < steps; step++) {
                at = at.plus(Duration.ofMinutes(30 + random.nextInt(60 * 24 * 9)));
                int roll = random.nextInt(100);
                if (!deal.status.equals("OPEN")) {
                    if (roll < 50) {
                        deal.status = "OPEN";
                        deal.closedAt = null;
                        deal.enteredAt = at;
                        events.add(new DealReopened(deal.dealId, "sales", deal.stage, at));
                    }
                    continue;
                }
                if (roll < 55) {
                    String to = STAGES.get(random.nextInt(STAGES.size()));
                    if (to.equals(deal.stage)) {
                        continue;
                    }
                    deal.leaveStage(at);
                    events.add(new DealMovedToStage(deal.dealId, "sales", deal.stage, to, at));
                    deal.stage = to;
                    deal.enteredAt = at;
                    deal.entered.add(to);
                } else if (roll < 67) {
                    deal.leaveStage(at);
                    deal.status = "WON";
                    deal.closedAt = at;
                    events.add(new DealWon(deal.dealId, "sales", deal.stage, Money.of("1000.00", "EUR"), at));
                } else if (roll < 79) {
                    deal.leaveStage(at);
                    deal.status = "LOST";
                    deal.closedAt = at;
                    events.add(new DealLost(deal.dealId, "sales", deal.stage, "Price", null, at));
                } else if (roll < 87) {
                    String to = OWNERS.get(random.nextInt(OWNERS.size()));
                    if (!to.equals(deal.owner)) {
                        events.add(new DealHandedOver(deal.dealId, deal.owner, to, "north", "north", null, at));
                        deal.owner = to;
                    }
                } else {
                    events.add(new CallLogged(deal.dealId, "call-" + deal.dealId + "-" + step,
                            random.nextBoolean() ? Direction.INBOUND : Direction.OUTBOUND, at, random.nextInt(600),
                            random.nextBoolean(), "+4930" + random.nextInt(1_000_000), null, null, null));
                }
            }
            return events;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // The batch computation, from the definitions: every figure from each deal's final story.

    static final class Cohort {
        long opened;
        long won;
        long lost;
        final long[] reached = new long[STAGES.size()];
        final long[] entered = new long[STAGES.size()];
    }

    static final class Batch {
        final Map<String, Cohort> cohorts = new TreeMap<>();
        final Map<String, long[]> closings = new TreeMap<>();
        final Map<String, Map<String, List<Long>>> stageTimes = new TreeMap<>();
        final Map<String, List<Long>> cycles = new TreeMap<>();

        static Batch of(Iterable<DealStory> deals) {
            Batch batch = new Batch();
            for (DealStory deal : deals) {
                for (String owner : Arrays.asList(deal.owner, null)) {
                    for (PeriodType type : PeriodType.values()) {
                        batch.count(deal, owner, type);
                    }
                }
            }
            return batch;
        }

        private static String key(String owner, PeriodType type, Instant at) {
            return new MetricKey("sales", owner, null, type, type.label(LocalDate.ofInstant(at, ZONE))).asString();
        }

        private void count(DealStory deal, String owner, PeriodType type) {
            Cohort cohort = cohorts.computeIfAbsent(key(owner, type, deal.openedAt), k -> new Cohort());
            cohort.opened++;
            boolean won = deal.status.equals("WON");
            cohort.won += won ? 1 : 0;
            cohort.lost += deal.status.equals("LOST") ? 1 : 0;
            int furthest = -1;
            for (int i = 0; i < STAGES.size(); i++) {
                if (deal.entered.contains(STAGES.get(i))) {
                    cohort.entered[i]++;
                    furthest = i;
                }
            }
            for (int i = 0; i < STAGES.size(); i++) {
                if (won || i <= furthest) {
                    cohort.reached[i]++;
                }
            }
            if (deal.closedAt != null) {
                long[] closing = closings.computeIfAbsent(key(owner, type, deal.closedAt), k -> new long[2]);
                closing[won ? 0 : 1]++;
            }
            if (won) {
                cycles.computeIfAbsent(key(owner, type, deal.closedAt), k -> new ArrayList<>())
                        .add(Duration.between(deal.openedAt, deal.closedAt).toMillis());
            }
            deal.stageMillis.forEach((stage, millis) -> stageTimes
                    .computeIfAbsent(key(owner, type, deal.lastLeft.get(stage)), k -> new TreeMap<>())
                    .computeIfAbsent(stage, k -> new ArrayList<>())
                    .add(millis));
        }
    }
}
