package dev.salespipeline.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.salespipeline.analytics.deal.DealTables;
import dev.salespipeline.analytics.forecast.ForecastTopology;
import dev.salespipeline.analytics.forecast.WeightedTotals;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.serde.PipelineEvents;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.deal.CallLogged;
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
import dev.salespipeline.api.deal.Direction;
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
import dev.salespipeline.api.pipeline.StageRemoved;
import dev.salespipeline.api.pipeline.StageRenamed;
import dev.salespipeline.api.pipeline.StageSettingsChanged;
import dev.salespipeline.api.target.SalesTargetChanged;
import dev.salespipeline.api.target.SalesTargetIds;
import dev.salespipeline.api.target.SalesTargetSet;
import dev.salespipeline.api.target.SalesTargetWithdrawn;
import dev.salespipeline.api.target.SubjectType;
import dev.salespipeline.api.target.TargetPeriod;

/**
 * The forecast family against a batch computation over random histories: two pipelines and deals transferred
 * between them (and back), handed over to other owners and teams, won, lost and reopened, moved to any stage
 * (a removed one too), given amounts, expected close dates and probability overrides that change and are cleared,
 * while stage probabilities change and a stage is renamed and another removed; sales targets of owners and teams
 * set, changed and withdrawn. Every event of the history is published in an order unrelated to business time,
 * with redeliveries. The final value of every key of the weighted-pipeline, payment-plan and coverage topics is
 * compared with what the definitions in {@code docs/metrics.md} give for the deals as they end up; the batch
 * computation shares no code with the topology, and a failure names its seed.
 */
class ForecastRandomHistoriesTest {

    private static final Map<String, List<String>> STAGES = Map.of(
            "sales", List.of("lead", "qualified", "proposal", "negotiation"),
            "legal", List.of("intake", "review", "signed"));
    private static final Map<String, Integer> FIRST_PROBABILITY = Map.of("lead", 10, "qualified", 30,
            "proposal", 50, "negotiation", 70, "intake", 20, "review", 60, "signed", 90);
    /** Probabilities changed during the history; the removed stage keeps its own. */
    private static final Map<String, Integer> CHANGED_PROBABILITY = Map.of("lead", 25, "review", 35);
    private static final String REMOVED = "proposal";
    private static final List<String> OWNERS = List.of("anna", "ben", "cleo");
    private static final List<String> TEAMS = List.of("north", "south");
    private static final List<String> CHANNELS = Arrays.asList("referral", "ads", null);
    private static final List<Money> AMOUNTS = List.of(Money.of("1000.00", "EUR"), Money.of("250.50", "EUR"),
            Money.of("3000.00", "USD"), Money.of("10.01", "EUR"));
    private static final List<Integer> OVERRIDES = Arrays.asList(0, 33, 80, 100, null);
    private static final List<TargetPeriod> TARGET_PERIODS = List.of(TargetPeriod.month(2026, 11),
            TargetPeriod.month(2026, 12), TargetPeriod.quarter(2026, 4), TargetPeriod.quarter(2027, 1));
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Instant START = Instant.parse("2026-09-20T00:00:00Z");
    /** The wall clock of the driver: Wednesday 18 November 2026, 11:00 in Berlin. */
    private static final Instant WALL_CLOCK = Instant.parse("2026-11-18T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-11-18");
    private static final double DAY_MILLIS = 86_400_000.0;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 6);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyRowIsTheBatchComputationsRow(long seed) {
        Random random = new Random(seed);
        History history = History.generate(random, 40);
        Map<String, WeightedPipeline> weighted;
        Map<String, PaymentPlan> plans;
        Map<String, PipelineCoverage> coverage;
        try (TopologyTestDriver driver = start()) {
            EventLog log = new EventLog(driver);
            List<EventEnvelope<?>> published = new ArrayList<>();
            for (DomainEvent event : history.events()) {
                published.add(log.append(event));
                if (random.nextInt(8) == 0) {
                    log.redeliver(published.get(random.nextInt(published.size())));
                }
            }
            weighted = latest(driver, Topics.METRICS_WEIGHTED_PIPELINE, WeightedPipeline.class);
            plans = latest(driver, Topics.METRICS_PAYMENT_PLAN, PaymentPlan.class);
            coverage = latest(driver, Topics.METRICS_COVERAGE, PipelineCoverage.class);
            // the rows have no changelog: what a restarted task works out from the cells is what was counted
            List<WeightedTotals> cells = new ArrayList<>();
            driver.<String, WeightedTotals>getKeyValueStore(ForecastTopology.WEIGHTED_CELLS_STORE).all()
                    .forEachRemaining(cell -> cells.add(cell.value));
            Map<String, WeightedTotals> counted = new TreeMap<>();
            driver.<String, WeightedTotals>getKeyValueStore(ForecastTopology.WEIGHTED_STORE).all()
                    .forEachRemaining(row -> counted.put(row.key, row.value));
            counted.values().removeIf(row -> row.openDeals() == 0);
            assertThat(WeightedTotals.rowsOf(cells)).as("seed " + seed + " rows from the cells").isEqualTo(counted);
        }
        String context = "seed " + seed;
        Collection<DealStory> deals = history.deals().values();

        Map<String, Row> expectedRows = weightedRows(deals);
        assertThat(expectedRows).as(context).isNotEmpty();
        assertThat(weighted.keySet()).as(context + " weighted keys").containsAll(expectedRows.keySet());
        weighted.forEach((key, actual) -> {
            Row expected = expectedRows.getOrDefault(key, new Row());
            String what = context + " weighted " + key;
            assertThat(actual).as(what).isNotNull();
            assertThat(actual.openDeals()).as(what + " deals").isEqualTo(expected.deals);
            assertThat(actual.amount()).as(what + " amount").isEqualByComparingTo(expected.amount);
            assertThat(actual.weightedAmount()).as(what + " weighted").isEqualByComparingTo(expected.weighted);
        });

        List<DealStory> planned = deals.stream().filter(deal -> inPlan(deal)).toList();
        assertThat(planned).as(context + " deals in the plan").isNotEmpty();
        for (DealStory deal : planned) {
            assertThat(plans).as(context + " plans").containsKey(PaymentPlan.key(deal.pipelineId, null))
                    .containsKey(PaymentPlan.key(deal.pipelineId, deal.owner));
        }
        plans.forEach((key, actual) -> assertPlan(context + " plan " + key, actual, planned));

        Map<String, SalesTargetSet> targets = history.targetsInForce();
        assertThat(targets).as(context).isNotEmpty();
        Map<String, PipelineCoverage> written = new TreeMap<>(coverage);
        written.values().removeIf(value -> value == null);
        Map<String, SalesTargetSet> byKey = new TreeMap<>();
        targets.values().forEach(target -> byKey.put(PipelineCoverage.key(target.pipelineId(),
                target.period().kind() == TargetPeriod.Kind.MONTH ? PeriodType.MONTH : PeriodType.QUARTER,
                target.period().toString(), target.subjectType(), target.subjectId()), target));
        assertThat(written.keySet()).as(context + " coverage keys").containsExactlyElementsOf(byKey.keySet());
        byKey.forEach((key, target) -> assertCoverage(context + " coverage " + key, written.get(key), target,
                history.targetAmounts().get(target.targetId()), deals));
    }

    // ---------------------------------------------------------------------------------------------------------
    // The batch computation, from the definitions: every figure from each deal as it ends up.

    static final class Row {
        long deals;
        BigDecimal amount = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;
    }

    private static Map<String, Row> weightedRows(Collection<DealStory> deals) {
        Map<String, Row> rows = new TreeMap<>();
        for (DealStory deal : deals) {
            if (!deal.status.equals("OPEN")) {
                continue;
            }
            for (String owner : Arrays.asList(deal.owner, null)) {
                for (String channel : Arrays.asList(deal.channel == null ? MetricKey.NO_SOURCE_CHANNEL : deal.channel,
                        null)) {
                    for (PeriodType type : PeriodType.values()) {
                        String period = deal.expectedClose == null ? WeightedPipeline.NO_DATE
                                : type.label(deal.expectedClose);
                        Row row = rows.computeIfAbsent(WeightedPipeline.key(new MetricKey(deal.pipelineId, owner,
                                channel, type, period), deal.amount.currency()), k -> new Row());
                        row.deals++;
                        row.amount = row.amount.add(deal.amount.amount());
                        row.weighted = row.weighted.add(weighted(deal));
                    }
                }
            }
        }
        return rows;
    }

    private static int probability(DealStory deal) {
        if (deal.override != null) {
            return deal.override;
        }
        return CHANGED_PROBABILITY.getOrDefault(deal.stage, FIRST_PROBABILITY.get(deal.stage));
    }

    private static BigDecimal weighted(DealStory deal) {
        return deal.amount.amount().multiply(BigDecimal.valueOf(probability(deal))).divide(BigDecimal.valueOf(100));
    }

    private static LocalDate weekEnd() {
        return TODAY.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
    }

    private static boolean inPlan(DealStory deal) {
        return deal.status.equals("OPEN") && deal.expectedClose != null && !deal.expectedClose.isBefore(TODAY)
                && !deal.expectedClose.isAfter(weekEnd());
    }

    private static void assertPlan(String what, PaymentPlan actual, List<DealStory> planned) {
        assertThat(actual).as(what).isNotNull();
        assertThat(actual.today()).as(what + " today").isEqualTo(TODAY);
        LocalDate tomorrow = TODAY.plusDays(1);
        List<DealStory> deals = planned.stream()
                .filter(deal -> deal.pipelineId.equals(actual.pipelineId()))
                .filter(deal -> actual.ownerId() == null || deal.owner.equals(actual.ownerId()))
                .sorted(Comparator.comparing((DealStory deal) -> deal.expectedClose).thenComparing(deal -> deal.dealId))
                .toList();
        assertThat(actual.deals()).extracting(PaymentPlanDeal::dealId).as(what + " deals")
                .containsExactlyElementsOf(deals.stream().map(deal -> deal.dealId).toList());
        for (int i = 0; i < deals.size(); i++) {
            DealStory deal = deals.get(i);
            PaymentPlanDeal entry = actual.deals().get(i);
            assertThat(entry.ownerId()).as(what + " owner of " + deal.dealId).isEqualTo(deal.owner);
            assertThat(entry.expectedCloseDate()).as(what + " date of " + deal.dealId).isEqualTo(deal.expectedClose);
            assertThat(entry.probability()).as(what + " probability of " + deal.dealId).isEqualTo(probability(deal));
            assertThat(entry.weightedAmount()).as(what + " weighted " + deal.dealId).isEqualByComparingTo(weighted(deal));
        }
        assertTotals(what + " tomorrow", actual.tomorrowTotals(),
                deals.stream().filter(deal -> deal.expectedClose.equals(tomorrow)).toList());
        assertTotals(what + " this week", actual.thisWeekTotals(), deals);
    }

    private static void assertTotals(String what, List<PaymentPlanTotal> actual, List<DealStory> deals) {
        Map<String, List<DealStory>> byCurrency = deals.stream().collect(Collectors.groupingBy(
                deal -> deal.amount.currency(), TreeMap::new, Collectors.toList()));
        assertThat(actual).extracting(PaymentPlanTotal::currency).as(what)
                .containsExactlyElementsOf(byCurrency.keySet());
        for (PaymentPlanTotal total : actual) {
            List<DealStory> inCurrency = byCurrency.get(total.currency());
            assertThat(total.deals()).as(what + " " + total.currency()).isEqualTo(inCurrency.size());
            assertThat(total.amount()).as(what + " " + total.currency()).isEqualByComparingTo(
                    inCurrency.stream().map(deal -> deal.amount.amount()).reduce(BigDecimal.ZERO, BigDecimal::add));
            assertThat(total.weightedAmount()).as(what + " " + total.currency()).isEqualByComparingTo(
                    inCurrency.stream().map(ForecastRandomHistoriesTest::weighted)
                            .reduce(BigDecimal.ZERO, BigDecimal::add));
        }
    }

    private static void assertCoverage(String what, PipelineCoverage actual, SalesTargetSet target, Money amount,
                                       Collection<DealStory> deals) {
        TargetPeriod period = target.period();
        String currency = amount.currency();
        List<DealStory> subject = deals.stream()
                .filter(deal -> deal.pipelineId.equals(target.pipelineId()))
                .filter(deal -> target.subjectId().equals(
                        target.subjectType() == SubjectType.OWNER ? deal.owner : deal.team))
                .toList();
        long closed = subject.stream().filter(deal -> !deal.status.equals("OPEN")).count();
        List<DealStory> won = subject.stream().filter(deal -> deal.status.equals("WON")).toList();
        long cycle = won.stream().mapToLong(deal -> Duration.between(deal.openedAt, deal.closedAt).toMillis()).sum();
        BigDecimal wonInPeriod = won.stream().filter(deal -> deal.amount.currency().equals(currency))
                .filter(deal -> period.contains(LocalDate.ofInstant(deal.closedAt, ZONE)))
                .map(deal -> deal.amount.amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal open = subject.stream().filter(deal -> deal.status.equals("OPEN"))
                .filter(deal -> deal.amount.currency().equals(currency))
                .filter(deal -> deal.expectedClose != null && period.contains(deal.expectedClose))
                .map(deal -> deal.amount.amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal remaining = amount.amount().subtract(wonInPeriod);
        int days = (int) ChronoUnit.DAYS.between(period.from(), period.to()) + 1;

        assertThat(actual).as(what).isNotNull();
        assertThat(actual.currency()).as(what + " currency").isEqualTo(currency);
        assertThat(actual.daysInPeriod()).as(what + " days").isEqualTo(days);
        assertThat(actual.target()).as(what + " target").isEqualByComparingTo(amount.amount());
        assertThat(actual.wonInPeriod()).as(what + " won in period").isEqualByComparingTo(wonInPeriod);
        assertThat(actual.remaining()).as(what + " remaining").isEqualByComparingTo(remaining);
        assertThat(actual.openPipeline()).as(what + " open").isEqualByComparingTo(open);
        assertThat(actual.actualCoverage()).as(what + " actual").isEqualTo(remaining.signum() > 0
                ? open.divide(remaining, MathContext.DECIMAL64).doubleValue() : null);
        assertThat(actual.closedDeals()).as(what + " closed").isEqualTo(closed);
        assertThat(actual.wonDeals()).as(what + " won").isEqualTo(won.size());
        assertThat(actual.winRate()).as(what + " win rate").isEqualTo(closed == 0 ? null : (double) won.size() / closed);
        if (won.isEmpty()) {
            assertThat(actual.averageCycleDays()).as(what + " cycle").isNull();
            assertThat(actual.requiredCoverage()).as(what + " required").isNull();
        } else {
            assertThat(actual.averageCycleDays()).as(what + " cycle")
                    .isCloseTo(cycle / (won.size() * DAY_MILLIS), within(1e-9));
            assertThat(actual.requiredCoverage()).as(what + " required").isCloseTo(
                    (double) closed * cycle / ((double) won.size() * won.size() * days * DAY_MILLIS), within(1e-9));
        }
    }

    private static TopologyTestDriver start() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "forecast-histories-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
        var events = PipelineEvents.stream(builder);
        new ForecastTopology(new CompanyPeriods(ZONE), Duration.ofMinutes(1), Stores::inMemoryKeyValueStore)
                .buildTopology(events, DealTables.from(events));
        return new TopologyTestDriver(builder.build(), config, WALL_CLOCK);
    }

    /** The latest value of every key written, a tombstone as null. */
    private static <T> Map<String, T> latest(TopologyTestDriver driver, String topic, Class<T> type) {
        Map<String, T> latest = new HashMap<>();
        for (TestRecord<String, T> record : driver.createOutputTopic(topic, Serdes.String().deserializer(),
                JsonSerde.of(type).deserializer()).readRecordsToList()) {
            latest.put(record.key(), record.value());
        }
        return latest;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The history.

    /** What one deal ends up as, as the batch computation needs it. */
    static final class DealStory {
        final String dealId;
        String pipelineId;
        String stage;
        String owner;
        String team;
        String channel;
        Money amount;
        LocalDate expectedClose;
        Integer override;
        Instant openedAt;
        String status = "OPEN";
        Instant closedAt;

        DealStory(String dealId) {
            this.dealId = dealId;
        }
    }

    record History(List<DomainEvent> events, Map<String, DealStory> deals, Map<String, SalesTargetSet> targets,
                   Map<String, Money> targetAmounts, List<String> withdrawn) {

        Map<String, SalesTargetSet> targetsInForce() {
            Map<String, SalesTargetSet> inForce = new LinkedHashMap<>(targets);
            withdrawn.forEach(inForce::remove);
            return inForce;
        }

        static History generate(Random random, int dealCount) {
            List<DomainEvent> pipelineEvents = new ArrayList<>();
            for (String pipelineId : List.of("sales", "legal")) {
                pipelineEvents.add(new PipelineDefined(pipelineId, pipelineId, STAGES.get(pipelineId).stream()
                        .map(id -> new StageDefinition(id, "Stage " + id, FIRST_PROBABILITY.get(id),
                                Duration.ofDays(30), null)).toList(),
                        Duration.ofDays(60), List.of("Price"), START.minus(Duration.ofDays(30))));
            }
            Map<String, DealStory> deals = new LinkedHashMap<>();
            List<DomainEvent> dealEvents = new ArrayList<>();
            for (int d = 0; d < dealCount; d++) {
                DealStory deal = new DealStory("deal-" + d);
                deals.put(deal.dealId, deal);
                dealEvents.addAll(journey(random, deal));
            }
            Map<String, SalesTargetSet> targets = new LinkedHashMap<>();
            Map<String, Money> targetAmounts = new HashMap<>();
            List<String> withdrawn = new ArrayList<>();
            List<DomainEvent> targetEvents = new ArrayList<>();
            for (int t = 0; t < 10; t++) {
                boolean owner = random.nextBoolean();
                String subject = owner ? OWNERS.get(random.nextInt(OWNERS.size()))
                        : TEAMS.get(random.nextInt(TEAMS.size()));
                String pipelineId = random.nextInt(10) < 7 ? "sales" : "legal";
                TargetPeriod period = TARGET_PERIODS.get(random.nextInt(TARGET_PERIODS.size()));
                SubjectType type = owner ? SubjectType.OWNER : SubjectType.TEAM;
                String targetId = SalesTargetIds.of(pipelineId, type, subject, period);
                if (targets.containsKey(targetId)) {
                    continue;
                }
                Money amount = Money.of(String.valueOf(500 * (1 + random.nextInt(20))),
                        random.nextInt(4) == 0 ? "USD" : "EUR");
                SalesTargetSet set = new SalesTargetSet(targetId, pipelineId, type, subject, owner ? null : subject,
                        period, amount, START);
                targets.put(targetId, set);
                targetAmounts.put(targetId, amount);
                targetEvents.add(set);
                if (random.nextInt(3) == 0) {
                    Money changed = Money.of(String.valueOf(250 * (1 + random.nextInt(40))), amount.currency());
                    targetEvents.add(new SalesTargetChanged(targetId, amount, changed, START.plusSeconds(60)));
                    targetAmounts.put(targetId, changed);
                }
                if (random.nextInt(5) == 0) {
                    targetEvents.add(new SalesTargetWithdrawn(targetId, "reorganised", START.plusSeconds(120)));
                    withdrawn.add(targetId);
                }
            }
            // Every aggregate's events in an order of its own, each aggregate's in their order: what one deal did
            // yesterday is often read after what another did today.
            List<DomainEvent> aggregateEvents = new ArrayList<>(dealEvents);
            aggregateEvents.addAll(targetEvents);
            List<List<DomainEvent>> byAggregate = new ArrayList<>(aggregateEvents.stream().collect(Collectors.groupingBy(
                    DomainEvent::aggregateId, LinkedHashMap::new, Collectors.toList())).values());
            List<DomainEvent> events = new ArrayList<>(pipelineEvents);
            List<DomainEvent> definitionChanges = new ArrayList<>(List.of(
                    new StageRenamed("sales", "qualified", "Stage qualified", "Qualified lead", START),
                    new StageRemoved("sales", REMOVED, START)));
            CHANGED_PROBABILITY.forEach((stage, probability) -> definitionChanges.add(new StageSettingsChanged(
                    stage.equals("lead") ? "sales" : "legal", stage, probability, Duration.ofDays(30), null, START)));
            int remaining = aggregateEvents.size();
            Map<Integer, DomainEvent> changesAt = new HashMap<>();
            for (DomainEvent change : definitionChanges) {
                int at;
                do {
                    at = 1 + random.nextInt(remaining);
                } while (changesAt.containsKey(at));
                changesAt.put(at, change);
            }
            int[] next = new int[byAggregate.size()];
            while (remaining > 0) {
                DomainEvent change = changesAt.remove(remaining);
                if (change != null) {
                    events.add(change);
                }
                int a = random.nextInt(byAggregate.size());
                if (next[a] < byAggregate.get(a).size()) {
                    events.add(byAggregate.get(a).get(next[a]++));
                    remaining--;
                }
            }
            return new History(events, deals, targets, targetAmounts, withdrawn);
        }

        private static List<DomainEvent> journey(Random random, DealStory deal) {
            List<DomainEvent> events = new ArrayList<>();
            Instant at = START.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 40)));
            deal.pipelineId = random.nextInt(10) < 7 ? "sales" : "legal";
            deal.stage = STAGES.get(deal.pipelineId).get(0);
            deal.owner = OWNERS.get(random.nextInt(OWNERS.size()));
            deal.team = TEAMS.get(random.nextInt(TEAMS.size()));
            deal.amount = AMOUNTS.get(random.nextInt(AMOUNTS.size()));
            deal.openedAt = at;
            events.add(new DealOpened(deal.dealId, deal.pipelineId, deal.stage, "Deal " + deal.dealId, deal.owner,
                    deal.team, deal.amount, at));
            int steps = random.nextInt(12);
            for (int step = 0; step < steps; step++) {
                at = at.plus(Duration.ofMinutes(30 + random.nextInt(60 * 24 * 5)));
                int roll = random.nextInt(100);
                if (!deal.status.equals("OPEN")) {
                    if (roll < 50) {
                        deal.status = "OPEN";
                        deal.closedAt = null;
                        events.add(new DealReopened(deal.dealId, deal.pipelineId, deal.stage, at));
                    }
                    continue;
                }
                List<String> stages = STAGES.get(deal.pipelineId);
                if (roll < 25) {
                    String to = stages.get(random.nextInt(stages.size()));
                    if (!to.equals(deal.stage)) {
                        events.add(new DealMovedToStage(deal.dealId, deal.pipelineId, deal.stage, to, at));
                        deal.stage = to;
                    }
                } else if (roll < 33) {
                    deal.status = "WON";
                    deal.closedAt = at;
                    events.add(new DealWon(deal.dealId, deal.pipelineId, deal.stage, deal.amount, at));
                } else if (roll < 40) {
                    deal.status = "LOST";
                    deal.closedAt = at;
                    events.add(new DealLost(deal.dealId, deal.pipelineId, deal.stage, "Price", null, at));
                } else if (roll < 47) {
                    String to = deal.pipelineId.equals("sales") ? "legal" : "sales";
                    List<String> target = STAGES.get(to);
                    String toStage = target.get(random.nextInt(target.size()));
                    events.add(new DealTransferred(deal.dealId, deal.pipelineId, deal.stage, to, toStage, at));
                    deal.pipelineId = to;
                    deal.stage = toStage;
                } else if (roll < 55) {
                    String to = OWNERS.get(random.nextInt(OWNERS.size()));
                    String team = TEAMS.get(random.nextInt(TEAMS.size()));
                    if (!to.equals(deal.owner) || !team.equals(deal.team)) {
                        events.add(new DealHandedOver(deal.dealId, deal.owner, to, deal.team, team, null, at));
                        deal.owner = to;
                        deal.team = team;
                    }
                } else if (roll < 61) {
                    String channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
                    events.add(new DealDetailsEdited(deal.dealId,
                            new DealDetails("Deal " + deal.dealId, null, deal.channel, null),
                            new DealDetails("Deal " + deal.dealId, null, channel, null), at));
                    deal.channel = channel;
                } else if (roll < 68) {
                    Money amount = AMOUNTS.get(random.nextInt(AMOUNTS.size()));
                    events.add(new DealAmountChanged(deal.dealId, deal.amount, amount, at));
                    deal.amount = amount;
                } else if (roll < 84) {
                    // mostly about the payment plan's week, else any day from mid-November to April
                    LocalDate date = random.nextInt(10) == 0 ? null : random.nextBoolean()
                            ? TODAY.plusDays(random.nextInt(9) - 2) : TODAY.plusDays(random.nextInt(160) - 8);
                    events.add(new ExpectedCloseDateChanged(deal.dealId, deal.expectedClose, date, at));
                    deal.expectedClose = date;
                } else if (roll < 92) {
                    Integer override = OVERRIDES.get(random.nextInt(OVERRIDES.size()));
                    events.add(new ProbabilityOverridden(deal.dealId, deal.override, override, at));
                    deal.override = override;
                } else {
                    events.add(new CallLogged(deal.dealId, "call-" + deal.dealId + "-" + step,
                            random.nextBoolean() ? Direction.INBOUND : Direction.OUTBOUND, at, random.nextInt(600),
                            random.nextBoolean(), "+4930" + random.nextInt(1_000_000), null, null, null));
                }
            }
            return events;
        }
    }
}
