package dev.salespipeline.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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

import dev.salespipeline.analytics.acquisition.AcquisitionCostTopology;
import dev.salespipeline.analytics.conversion.ConversionTopology;
import dev.salespipeline.analytics.deal.DealTables;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.serde.PipelineEvents;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.analytics.velocity.VelocityTopology;
import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.deal.CallLogged;
import dev.salespipeline.api.deal.DealDetails;
import dev.salespipeline.api.deal.DealDetailsEdited;
import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.deal.DealLost;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealReopened;
import dev.salespipeline.api.deal.DealTransferred;
import dev.salespipeline.api.deal.DealWon;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.metrics.AcquisitionCost;
import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.metrics.SalesCycle;
import dev.salespipeline.api.metrics.SalesVelocity;
import dev.salespipeline.api.metrics.StageAge;
import dev.salespipeline.api.metrics.StageConversion;
import dev.salespipeline.api.metrics.StageOpenDeals;
import dev.salespipeline.api.metrics.StageReach;
import dev.salespipeline.api.metrics.StageTime;
import dev.salespipeline.api.metrics.TimeInStage;
import dev.salespipeline.api.metrics.WinRate;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.StageDefinition;
import dev.salespipeline.api.pipeline.StageRemoved;
import dev.salespipeline.api.pipeline.StageRenamed;
import dev.salespipeline.api.spend.MarketingSpendChanged;
import dev.salespipeline.api.spend.MarketingSpendIds;
import dev.salespipeline.api.spend.MarketingSpendSet;
import dev.salespipeline.api.spend.MarketingSpendWithdrawn;
import dev.salespipeline.api.target.TargetPeriod;

/**
 * The conversion and velocity families against a batch computation, over histories that {@link RandomHistoriesTest}
 * leaves out: two pipelines and deals transferred between them (and back), source channels given and corrected,
 * amounts in two currencies, a stage renamed and a stage removed while deals are in it, and every event of the
 * history published in an order unrelated to business time (so that most events arrive late for the rows they
 * count in), with redeliveries. Every cut is checked: each owner and all, each channel and all, every period type.
 * The final value of every key of the conversion, win-rate, time-in-stage, stage-age, sales-cycle,
 * sales-velocity and acquisition-cost topics is compared (for acquisition cost, over marketing spend of months and
 * quarters in two currencies, set, changed and withdrawn, its events mixed with the deals'); of sales velocity, the factors of the closed deals (the open deals of a
 * period depend on the order in which events were read, by definition). The batch computation follows
 * {@code docs/metrics.md} and shares no code with the topologies; a failure names its seed.
 */
class RecountedFamiliesRandomHistoriesTest {

    private static final Map<String, List<String>> STAGES = Map.of(
            "sales", List.of("lead", "qualified", "proposal", "negotiation"),
            "legal", List.of("intake", "review", "signed"));
    private static final String RENAMED = "qualified";
    private static final String RENAMED_TO = "Qualified lead";
    private static final String REMOVED = "proposal";
    private static final List<String> OWNERS = List.of("anna", "ben", "cleo");
    private static final List<String> CHANNELS = Arrays.asList("referral", "ads", null);
    private static final List<Money> AMOUNTS = List.of(Money.of("1000.00", "EUR"), Money.of("250.50", "EUR"),
            Money.of("3000.00", "USD"));
    private static final List<String> SPEND_CHANNELS = List.of("referral", "ads");
    private static final List<String> SPEND_PERIODS = List.of("2026-09", "2026-10", "2026-11", "2026-12", "2026-Q3",
            "2026-Q4");
    private static final List<Money> SPEND_AMOUNTS = List.of(Money.of("1200.00", "EUR"), Money.of("333.33", "EUR"),
            Money.of("0", "EUR"), Money.of("500", "USD"));
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Instant START = Instant.parse("2026-09-20T00:00:00Z");
    private static final double SKETCH_ACCURACY = 0.01;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 6);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyRowOfEveryCutIsTheBatchComputationsRow(long seed) {
        Random random = new Random(seed);
        History history = History.generate(random, 40);
        Map<String, StageConversion> conversions;
        Map<String, WinRate> winRates;
        Map<String, TimeInStage> timesInStage;
        Map<String, StageAge> stageAges;
        Map<String, SalesCycle> cycles;
        Map<String, SalesVelocity> velocities;
        Map<String, AcquisitionCost> acquisitionCosts;
        try (TopologyTestDriver driver = start()) {
            EventLog log = new EventLog(driver);
            List<EventEnvelope<?>> published = new ArrayList<>();
            for (DomainEvent event : history.events()) {
                published.add(log.append(event));
                if (random.nextInt(8) == 0) {
                    log.redeliver(published.get(random.nextInt(published.size())));
                }
            }
            conversions = latest(driver, Topics.METRICS_CONVERSION, StageConversion.class);
            winRates = latest(driver, Topics.METRICS_WIN_RATE, WinRate.class);
            timesInStage = latest(driver, Topics.METRICS_TIME_IN_STAGE, TimeInStage.class);
            stageAges = latest(driver, Topics.METRICS_STAGE_AGE, StageAge.class);
            cycles = latest(driver, Topics.METRICS_SALES_CYCLE, SalesCycle.class);
            velocities = latest(driver, Topics.METRICS_SALES_VELOCITY, SalesVelocity.class);
            acquisitionCosts = latest(driver, Topics.METRICS_ACQUISITION_COST, AcquisitionCost.class);
        }
        Batch batch = Batch.of(history.deals().values());
        String context = "seed " + seed;

        assertThat(batch.cohorts).as(context).isNotEmpty();
        // a row stays, with zeros, after its deals have left it (hand-overs, corrected channels)
        assertThat(conversions.keySet()).as(context + " cohort keys").containsAll(batch.cohorts.keySet());
        conversions.forEach((key, actual) -> assertCohort(context + " conversion " + key, actual,
                batch.cohorts.getOrDefault(key, new Cohort())));

        assertThat(batch.closings).as(context).isNotEmpty();
        assertThat(winRates.keySet()).as(context + " win-rate keys").containsAll(batch.closings.keySet());
        winRates.forEach((key, actual) -> {
            long[] expected = batch.closings.getOrDefault(key, new long[2]);
            assertThat(new long[] {actual.won(), actual.lost()}).as(context + " win rate " + key).isEqualTo(expected);
            assertThat(actual.winRate()).as(context + " win rate " + key).isEqualTo(
                    expected[0] + expected[1] == 0 ? null : (double) expected[0] / (expected[0] + expected[1]));
        });

        assertThat(batch.stageTimes).as(context).isNotEmpty();
        assertThat(timesInStage.keySet()).as(context + " time-in-stage keys").containsAll(batch.stageTimes.keySet());
        timesInStage.forEach((key, actual) -> {
            Map<String, List<Long>> expected = batch.stageTimes.getOrDefault(key, Map.of());
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
        });

        assertThat(batch.openStages).as(context).isNotEmpty();
        assertThat(stageAges.keySet()).as(context + " stage-age keys").containsAll(batch.openStages.keySet());
        stageAges.forEach((key, actual) -> {
            Map<String, List<Long>> expected = batch.openStages.getOrDefault(key, Map.of());
            List<StageOpenDeals> stages = new ArrayList<>();
            new TreeMap<>(expected).forEach((stageId, seconds) -> stages.add(new StageOpenDeals(stageId,
                    seconds.size(), Instant.ofEpochSecond(Math.floorDiv(
                            seconds.stream().mapToLong(Long::longValue).sum(), (long) seconds.size())))));
            assertThat(actual.stages()).as(context + " stage age " + key).containsExactlyInAnyOrderElementsOf(stages);
        });

        assertThat(batch.cycles).as(context).isNotEmpty();
        assertThat(cycles.keySet()).as(context + " cycle keys").containsAll(batch.cycles.keySet());
        cycles.forEach((key, actual) -> {
            List<Long> millis = batch.cycles.getOrDefault(key, List.of());
            assertThat(actual.won()).as(context + " cycle won " + key).isEqualTo(millis.size());
            if (millis.isEmpty()) {
                assertThat(actual.meanDays()).as(context + " cycle mean " + key).isNull();
            } else {
                double day = Duration.ofDays(1).toMillis();
                assertThat(actual.meanDays()).as(context + " cycle mean " + key).isCloseTo(mean(millis) / day,
                        within(1e-9));
                assertWithinSketchAccuracy(actual.medianDays(), rank(millis, 0.5) / day, context + " cycle median " + key);
            }
        });

        assertThat(batch.velocities).as(context).isNotEmpty();
        assertThat(velocities.keySet()).as(context + " velocity keys").containsAll(batch.velocities.keySet());
        velocities.forEach((key, actual) -> {
            Closed expected = batch.velocities.getOrDefault(key, new Closed());
            String what = context + " velocity " + key;
            assertThat(actual.won()).as(what + " won").isEqualTo(expected.won);
            assertThat(actual.lost()).as(what + " lost").isEqualTo(expected.lost);
            assertThat(actual.winRate()).as(what + " win rate").isEqualTo(expected.won + expected.lost == 0 ? null
                    : (double) expected.won / (expected.won + expected.lost));
            assertThat(actual.averageWonAmount()).as(what + " average won").isEqualTo(expected.won == 0 ? null
                    : expected.wonAmount.divide(BigDecimal.valueOf(expected.won),
                            Math.max(2, expected.wonAmount.scale()), RoundingMode.HALF_EVEN));
            if (expected.won == 0) {
                assertThat(actual.averageCycleDays()).as(what + " cycle").isNull();
            } else {
                assertThat(actual.averageCycleDays()).as(what + " cycle")
                        .isCloseTo(expected.cycleMillis / 86_400_000.0 / expected.won, within(1e-9));
            }
        });

        Map<String, AcquisitionCost> expectedCosts = AcquisitionBatch.of(history.deals().values(),
                history.spends().values());
        assertThat(expectedCosts).as(context).isNotEmpty();
        assertThat(expectedCosts.values()).as(context).anySatisfy(row -> assertThat(row.costPerWonDeal()).isNull())
                .anySatisfy(row -> assertThat(row.costPerWonDeal()).isNotNull());
        acquisitionCosts.values().removeIf(java.util.Objects::isNull);
        assertThat(acquisitionCosts).as(context + " acquisition cost").isEqualTo(expectedCosts);
    }

    private static void assertCohort(String what, StageConversion actual, Cohort expected) {
        assertThat(actual).as(what).isNotNull();
        assertThat(actual.opened()).as(what + " opened").isEqualTo(expected.opened);
        assertThat(actual.won()).as(what + " won").isEqualTo(expected.won);
        assertThat(actual.lost()).as(what + " lost").isEqualTo(expected.lost);
        assertThat(actual.transferredOut()).as(what + " transferred out").isEqualTo(expected.transferredOut);
        assertThat(actual.leadToWin()).as(what + " lead to win")
                .isEqualTo(expected.opened == 0 ? null : (double) expected.won / expected.opened);
        String pipelineId = actual.pipelineId();
        List<String> order = currentOrder(pipelineId);
        List<StageReach> expectedStages = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            String stage = order.get(i);
            long reached = expected.reached.getOrDefault(stage, 0L);
            long next = i + 1 < order.size() ? expected.reached.getOrDefault(order.get(i + 1), 0L) : expected.won;
            expectedStages.add(new StageReach(stage, name(stage), true, reached, expected.entered.getOrDefault(stage, 0L),
                    reached == 0 ? null : (double) next / reached));
        }
        expected.entered.forEach((stage, deals) -> {
            if (!order.contains(stage)) {
                expectedStages.add(new StageReach(stage, name(stage), false, null, deals, null));
            }
        });
        assertThat(actual.stages()).as(what + " stages").containsExactlyElementsOf(expectedStages);
    }

    private static List<String> currentOrder(String pipelineId) {
        return STAGES.get(pipelineId).stream().filter(stage -> !stage.equals(REMOVED)).toList();
    }

    private static String name(String stageId) {
        return stageId.equals(RENAMED) ? RENAMED_TO : "Stage " + stageId;
    }

    private static TopologyTestDriver start() {
        java.util.Properties config = new java.util.Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "recounted-families-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
        var events = PipelineEvents.stream(builder);
        DealTables tables = DealTables.from(events);
        CompanyPeriods periods = new CompanyPeriods(ZONE);
        new ConversionTopology(periods, Stores::inMemoryKeyValueStore).buildTopology(tables);
        new VelocityTopology(periods, Stores::inMemoryKeyValueStore).buildTopology(tables);
        new AcquisitionCostTopology(periods, Stores::inMemoryKeyValueStore).buildTopology(events, tables);
        return new TopologyTestDriver(builder.build(), config);
    }

    private static <T> Map<String, T> latest(TopologyTestDriver driver, String topic, Class<T> type) {
        return new TreeMap<>(driver.createOutputTopic(topic, Serdes.String().deserializer(),
                JsonSerde.of(type).deserializer()).readKeyValuesToMap());
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
    // The history.

    /** A stay in a stage: pipeline, stage, entered, left (null while there). */
    static final class Stay {
        final String pipelineId;
        final String stageId;
        final Instant enteredAt;
        Instant leftAt;

        Stay(String pipelineId, String stageId, Instant enteredAt) {
            this.pipelineId = pipelineId;
            this.stageId = stageId;
            this.enteredAt = enteredAt;
        }
    }

    /** What happened to one deal, as the batch computation needs it. */
    static final class DealStory {
        final String dealId;
        String pipelineId;
        String owner;
        String channel;
        Money amount;
        Instant openedAt;
        String stage;
        String status = "OPEN";
        Instant closedAt;
        final List<Stay> stays = new ArrayList<>();

        DealStory(String dealId) {
            this.dealId = dealId;
        }

        void enter(String pipeline, String stageId, Instant at) {
            leave(at);
            pipelineId = pipeline;
            stage = stageId;
            stays.add(new Stay(pipeline, stageId, at));
        }

        void leave(Instant at) {
            if (!stays.isEmpty() && stays.get(stays.size() - 1).leftAt == null) {
                stays.get(stays.size() - 1).leftAt = at;
            }
        }

        String channelOrNone() {
            return channel == null ? MetricKey.NO_SOURCE_CHANNEL : channel;
        }
    }

    /** A marketing spend as its last event leaves it. */
    record SpendStory(String pipelineId, String channel, TargetPeriod period, Money amount, boolean withdrawn) {
    }

    record History(List<DomainEvent> events, Map<String, DealStory> deals, Map<String, SpendStory> spends) {

        static History generate(Random random, int dealCount) {
            List<DomainEvent> pipelineEvents = new ArrayList<>();
            Map<String, DealStory> deals = new LinkedHashMap<>();
            List<DomainEvent> dealEvents = new ArrayList<>();
            Map<String, SpendStory> spends = new LinkedHashMap<>();
            for (String pipelineId : List.of("sales", "legal")) {
                pipelineEvents.add(new PipelineDefined(pipelineId, pipelineId, STAGES.get(pipelineId).stream()
                        .map(id -> new StageDefinition(id, "Stage " + id, 20, Duration.ofDays(30), null)).toList(),
                        Duration.ofDays(60), List.of("Price"), START.minus(Duration.ofDays(30))));
            }
            for (int d = 0; d < dealCount; d++) {
                DealStory deal = new DealStory("deal-" + d);
                deals.put(deal.dealId, deal);
                dealEvents.addAll(journey(random, deal));
            }
            // marketing spend, each spend's events in their order, mixed with the deals' as their events are
            dealEvents.addAll(spending(random, spends));
            // Every deal event in an order of its own, each deal's events in their order: what one deal did
            // yesterday is often read after what another did today.
            List<List<DomainEvent>> byDeal = new ArrayList<>(
                    dealEvents.stream().collect(java.util.stream.Collectors.groupingBy(DomainEvent::aggregateId,
                            LinkedHashMap::new, java.util.stream.Collectors.toList())).values());
            List<DomainEvent> events = new ArrayList<>(pipelineEvents);
            int[] next = new int[byDeal.size()];
            int remaining = dealEvents.size();
            int renameAt = random.nextInt(remaining);
            int removeAt = random.nextInt(remaining);
            while (remaining > 0) {
                if (remaining == renameAt) {
                    events.add(new StageRenamed("sales", RENAMED, "Stage " + RENAMED, RENAMED_TO, START));
                }
                if (remaining == removeAt) {
                    events.add(new StageRemoved("sales", REMOVED, START));
                }
                int d = random.nextInt(byDeal.size());
                if (next[d] < byDeal.get(d).size()) {
                    events.add(byDeal.get(d).get(next[d]++));
                    remaining--;
                }
            }
            return new History(events, deals, spends);
        }

        private static List<DomainEvent> spending(Random random, Map<String, SpendStory> spends) {
            List<DomainEvent> events = new ArrayList<>();
            for (String pipelineId : List.of("sales", "legal")) {
                for (String channel : SPEND_CHANNELS) {
                    for (String label : SPEND_PERIODS) {
                        if (random.nextInt(3) == 0) {
                            continue;
                        }
                        TargetPeriod period = TargetPeriod.parse(label);
                        String spendId = MarketingSpendIds.of(pipelineId, channel, period);
                        Instant at = START.plus(Duration.ofHours(random.nextInt(24 * 90)));
                        Money amount = SPEND_AMOUNTS.get(random.nextInt(SPEND_AMOUNTS.size()));
                        events.add(new MarketingSpendSet(spendId, pipelineId, channel, period, amount, at));
                        if (random.nextInt(3) == 0) {
                            Money changed = new Money(amount.amount().multiply(BigDecimal.valueOf(2))
                                    .add(new BigDecimal("0.5")), amount.currency());
                            events.add(new MarketingSpendChanged(spendId, amount, changed, at.plusSeconds(60)));
                            amount = changed;
                        }
                        boolean withdrawn = random.nextInt(5) == 0;
                        if (withdrawn) {
                            events.add(new MarketingSpendWithdrawn(spendId, null, at.plusSeconds(120)));
                        }
                        spends.put(spendId, new SpendStory(pipelineId, channel, period, amount, withdrawn));
                    }
                }
            }
            return events;
        }

        private static List<DomainEvent> journey(Random random, DealStory deal) {
            List<DomainEvent> events = new ArrayList<>();
            Instant at = START.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 60)));
            String pipeline = random.nextInt(10) < 7 ? "sales" : "legal";
            deal.owner = OWNERS.get(random.nextInt(OWNERS.size()));
            deal.amount = AMOUNTS.get(random.nextInt(AMOUNTS.size()));
            deal.openedAt = at;
            deal.enter(pipeline, STAGES.get(pipeline).get(0), at);
            events.add(new DealOpened(deal.dealId, pipeline, deal.stage, "Deal " + deal.dealId, deal.owner, "north",
                    deal.amount, at));
            int steps = random.nextInt(10);
            for (int step = 0; step < steps; step++) {
                at = at.plus(Duration.ofMinutes(30 + random.nextInt(60 * 24 * 9)));
                int roll = random.nextInt(100);
                if (!deal.status.equals("OPEN")) {
                    if (roll < 50) {
                        deal.status = "OPEN";
                        deal.closedAt = null;
                        deal.enter(deal.pipelineId, deal.stage, at);
                        events.add(new DealReopened(deal.dealId, deal.pipelineId, deal.stage, at));
                    }
                    continue;
                }
                List<String> stages = STAGES.get(deal.pipelineId);
                if (roll < 45) {
                    String to = stages.get(random.nextInt(stages.size()));
                    if (!to.equals(deal.stage)) {
                        events.add(new DealMovedToStage(deal.dealId, deal.pipelineId, deal.stage, to, at));
                        deal.enter(deal.pipelineId, to, at);
                    }
                } else if (roll < 55) {
                    deal.leave(at);
                    deal.status = "WON";
                    deal.closedAt = at;
                    events.add(new DealWon(deal.dealId, deal.pipelineId, deal.stage, deal.amount, at));
                } else if (roll < 65) {
                    deal.leave(at);
                    deal.status = "LOST";
                    deal.closedAt = at;
                    events.add(new DealLost(deal.dealId, deal.pipelineId, deal.stage, "Price", null, at));
                } else if (roll < 73) {
                    String to = deal.pipelineId.equals("sales") ? "legal" : "sales";
                    List<String> target = STAGES.get(to);
                    String toStage = target.get(random.nextInt(target.size()));
                    events.add(new DealTransferred(deal.dealId, deal.pipelineId, deal.stage, to, toStage, at));
                    deal.enter(to, toStage, at);
                } else if (roll < 81) {
                    String to = OWNERS.get(random.nextInt(OWNERS.size()));
                    if (!to.equals(deal.owner)) {
                        events.add(new DealHandedOver(deal.dealId, deal.owner, to, "north", "north", null, at));
                        deal.owner = to;
                    }
                } else if (roll < 90) {
                    String channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
                    events.add(new DealDetailsEdited(deal.dealId,
                            new DealDetails("Deal " + deal.dealId, null, deal.channel, null),
                            new DealDetails("Deal " + deal.dealId, null, channel, null), at));
                    deal.channel = channel;
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
        long transferredOut;
        final Map<String, Long> reached = new HashMap<>();
        final Map<String, Long> entered = new LinkedHashMap<>();
    }

    static final class Closed {
        long won;
        long lost;
        BigDecimal wonAmount = BigDecimal.ZERO;
        long cycleMillis;
    }

    static final class Batch {
        final Map<String, Cohort> cohorts = new TreeMap<>();
        final Map<String, long[]> closings = new TreeMap<>();
        final Map<String, Map<String, List<Long>>> stageTimes = new TreeMap<>();
        final Map<String, Map<String, List<Long>>> openStages = new TreeMap<>();
        final Map<String, List<Long>> cycles = new TreeMap<>();
        final Map<String, Closed> velocities = new TreeMap<>();

        static Batch of(Iterable<DealStory> deals) {
            Batch batch = new Batch();
            for (DealStory deal : deals) {
                for (String owner : Arrays.asList(deal.owner, null)) {
                    for (String channel : Arrays.asList(deal.channelOrNone(), null)) {
                        batch.openStage(deal, owner, channel);
                        for (PeriodType type : PeriodType.values()) {
                            batch.count(deal, owner, channel, type);
                        }
                    }
                }
            }
            return batch;
        }

        private static MetricKey key(String pipelineId, String owner, String channel, PeriodType type, Instant at) {
            return new MetricKey(pipelineId, owner, channel, type, type.label(LocalDate.ofInstant(at, ZONE)));
        }

        private void openStage(DealStory deal, String owner, String channel) {
            if (deal.status.equals("OPEN")) {
                Stay open = deal.stays.get(deal.stays.size() - 1);
                openStages.computeIfAbsent(StageAge.key(deal.pipelineId, owner, channel), k -> new TreeMap<>())
                        .computeIfAbsent(open.stageId, k -> new ArrayList<>()).add(open.enteredAt.getEpochSecond());
            }
        }

        private void count(DealStory deal, String owner, String channel, PeriodType type) {
            // per pipeline: the journey there, in the order the deal entered the pipelines
            Map<String, List<Stay>> journeys = new LinkedHashMap<>();
            deal.stays.forEach(stay -> journeys.computeIfAbsent(stay.pipelineId, k -> new ArrayList<>()).add(stay));
            boolean won = deal.status.equals("WON");
            journeys.forEach((pipelineId, stays) -> {
                boolean current = pipelineId.equals(deal.pipelineId);
                Cohort cohort = cohorts.computeIfAbsent(key(pipelineId, owner, channel, type,
                        stays.get(0).enteredAt).asString(), k -> new Cohort());
                cohort.opened++;
                cohort.won += current && won ? 1 : 0;
                cohort.lost += current && deal.status.equals("LOST") ? 1 : 0;
                cohort.transferredOut += current ? 0 : 1;
                Set<String> entered = new LinkedHashSet<>();
                stays.forEach(stay -> entered.add(stay.stageId));
                new java.util.TreeSet<>(entered).forEach(stage -> cohort.entered.merge(stage, 1L, Long::sum));
                List<String> order = currentOrder(pipelineId);
                int furthest = current && won ? order.size() - 1 : -1;
                for (int i = 0; i < order.size(); i++) {
                    if (entered.contains(order.get(i))) {
                        furthest = Math.max(furthest, i);
                    }
                }
                for (int i = 0; i <= furthest; i++) {
                    cohort.reached.merge(order.get(i), 1L, Long::sum);
                }
                // completed time per stage of this pipeline, in the period of the latest exit
                Map<String, long[]> byStage = new TreeMap<>();
                for (Stay stay : stays) {
                    if (stay.leftAt != null) {
                        long[] sumAndLast = byStage.computeIfAbsent(stay.stageId, k -> new long[] {0, Long.MIN_VALUE});
                        sumAndLast[0] += Duration.between(stay.enteredAt, stay.leftAt).toMillis();
                        sumAndLast[1] = Math.max(sumAndLast[1], stay.leftAt.toEpochMilli());
                    }
                }
                byStage.forEach((stage, sumAndLast) -> stageTimes
                        .computeIfAbsent(key(pipelineId, owner, channel, type, Instant.ofEpochMilli(sumAndLast[1]))
                                .asString(), k -> new TreeMap<>())
                        .computeIfAbsent(stage, k -> new ArrayList<>()).add(sumAndLast[0]));
            });
            if (deal.closedAt != null) {
                MetricKey key = key(deal.pipelineId, owner, channel, type, deal.closedAt);
                closings.computeIfAbsent(key.asString(), k -> new long[2])[won ? 0 : 1]++;
                long cycle = Duration.between(deal.openedAt, deal.closedAt).toMillis();
                Closed closed = velocities.computeIfAbsent(SalesVelocity.key(key, deal.amount.currency()),
                        k -> new Closed());
                if (won) {
                    cycles.computeIfAbsent(key.asString(), k -> new ArrayList<>()).add(cycle);
                    closed.won++;
                    closed.wonAmount = closed.wonAmount.add(deal.amount.amount());
                    closed.cycleMillis += cycle;
                } else {
                    closed.lost++;
                }
            }
        }
    }

    /** Acquisition cost from the definitions: the final spend against each deal's final story. */
    static final class AcquisitionBatch {

        private static final class Cell {
            long opened;
            long won;
            final Map<String, BigDecimal> spend = new TreeMap<>();
        }

        static Map<String, AcquisitionCost> of(Iterable<DealStory> deals, Iterable<SpendStory> spends) {
            Map<List<Object>, Cell> cells = new LinkedHashMap<>();
            for (DealStory deal : deals) {
                String openedIn = deal.stays.get(0).pipelineId;
                LocalDate openedOn = LocalDate.ofInstant(deal.openedAt, ZONE);
                for (String channel : Arrays.asList(deal.channelOrNone(), null)) {
                    for (PeriodType type : List.of(PeriodType.MONTH, PeriodType.QUARTER)) {
                        cell(cells, openedIn, channel, type, type.label(openedOn)).opened++;
                        if (deal.status.equals("WON")) {
                            cell(cells, deal.pipelineId, channel, type,
                                    type.label(LocalDate.ofInstant(deal.closedAt, ZONE))).won++;
                        }
                    }
                }
            }
            for (SpendStory spend : spends) {
                if (spend.withdrawn()) {
                    continue;
                }
                for (String channel : Arrays.asList(spend.channel(), null)) {
                    List<String> periods = new ArrayList<>();
                    periods.add(PeriodType.QUARTER.label(spend.period().from()));
                    if (spend.period().kind() == TargetPeriod.Kind.MONTH) {
                        periods.add(spend.period().toString());
                    }
                    for (String period : periods) {
                        PeriodType type = period.contains("Q") ? PeriodType.QUARTER : PeriodType.MONTH;
                        cell(cells, spend.pipelineId(), channel, type, period).spend
                                .merge(spend.amount().currency(), spend.amount().amount(), BigDecimal::add);
                    }
                }
            }
            Map<String, AcquisitionCost> rows = new TreeMap<>();
            cells.forEach((key, cell) -> cell.spend.forEach((currency, sum) -> {
                BigDecimal spent = sum.stripTrailingZeros();
                spent = spent.scale() < 2 ? spent.setScale(2) : spent;
                String pipelineId = (String) key.get(0);
                String channel = (String) key.get(1);
                PeriodType type = (PeriodType) key.get(2);
                String period = (String) key.get(3);
                rows.put(AcquisitionCost.key(pipelineId, channel, type, period, currency), new AcquisitionCost(
                        pipelineId, channel, type, period, currency, spent, cell.opened, cell.won,
                        per(spent, cell.opened), per(spent, cell.won)));
            }));
            return rows;
        }

        private static Cell cell(Map<List<Object>, Cell> cells, String pipelineId, String channel, PeriodType type,
                                 String period) {
            return cells.computeIfAbsent(Arrays.asList(pipelineId, channel, type, period), k -> new Cell());
        }

        private static BigDecimal per(BigDecimal spend, long deals) {
            return deals == 0 ? null
                    : spend.divide(BigDecimal.valueOf(deals), Math.max(2, spend.scale()), RoundingMode.HALF_EVEN);
        }
    }
}
