package dev.salespipeline.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import dev.salespipeline.api.DomainEvent;
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
import dev.salespipeline.api.deal.ExpectedCloseDateChanged;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.deal.ProbabilityOverridden;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.envelope.EventTypes;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.StageDefinition;
import dev.salespipeline.query.QueryServiceTestBase;
import dev.salespipeline.query.events.PipelineEventListener;
import dev.salespipeline.security.Actor;
import dev.salespipeline.security.Role;

/**
 * The board as of an instant and the change report against a plain fold: for random deal histories in which a
 * third of the events are recorded up to five days after they happened, applied in batches of random sizes (some
 * delivered twice), each deal at an instant is the fold, in business time (ties by sequence), of exactly its events
 * that happened by then.
 */
class BusinessTimeHistoryIntegrationTest extends QueryServiceTestBase {

    private static final List<String> STAGES = List.of("lead", "qualified", "proposal", "negotiation", "contract");
    private static final Instant START = Instant.parse("2026-09-01T08:00:00Z");
    private static final Actor ADMIN = new Actor("ada", "Ada", Set.of(Role.ADMIN), null, Actor.SOURCE_WEB);

    @Autowired
    PipelineEventListener listener;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    BoardAsOfQuery boards;

    @Autowired
    ChangeReportQuery reports;

    /** What the board and the report show of a deal at an instant. */
    private record State(String pipelineId, String stageId, Instant stageEnteredAt, String status, String title,
                         String ownerId, Money amount, Integer probability, LocalDate closeDate) {
    }

    private record Happened(Instant at, long sequence, DomainEvent event) {
    }

    @Test
    void theBoardAndTheReportAtAnyInstantAreTheFoldOfTheEventsThatHappenedByThen() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try {
            foldAndCompare(run);
        } finally {
            WrittenStraight.remove(mongo, run);
        }
    }

    private void foldAndCompare(String run) {
        Random random = new Random(23);
        String sales = "bt-sales-" + run;
        String legal = "bt-legal-" + run;
        List<EventEnvelope<?>> events = new ArrayList<>();
        Map<String, Long> sequences = new HashMap<>();
        Map<String, List<Happened>> byDeal = new TreeMap<>();
        Function<DomainEvent, EventEnvelope<?>> envelope = event -> {
            long sequence = sequences.merge(event.aggregateId(), 1L, Long::sum) - 1;
            Class<?> type = event.getClass();
            byDeal.computeIfAbsent(event.aggregateId(), ignored -> new ArrayList<>())
                    .add(new Happened(event.occurredAt().truncatedTo(ChronoUnit.MILLIS), sequence, event));
            return new EventEnvelope<>(UUID.randomUUID().toString(), EventTypes.nameOf(type),
                    EventTypes.versionOf(type), event.aggregateId(), sequence, events.size(), event.occurredAt(),
                    event.occurredAt(), "ada", "web", "c", event);
        };
        for (String pipeline : List.of(sales, legal)) {
            PipelineDefined defined = new PipelineDefined(pipeline, pipeline, STAGES.stream()
                    .map(stage -> new StageDefinition(stage, stage, 10 + 20 * STAGES.indexOf(stage), null, null))
                    .toList(), Duration.ofDays(30), List.of("Price"), START.minus(Duration.ofDays(30)));
            events.add(new EventEnvelope<>(UUID.randomUUID().toString(), EventTypes.nameOf(PipelineDefined.class),
                    EventTypes.versionOf(PipelineDefined.class), pipeline, 0, 0, defined.occurredAt(),
                    defined.occurredAt(), "ada", "web", "c", defined));
        }

        List<Script> scripts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            scripts.add(new Script("bt-deal-" + run + "-" + i, run, sales, legal, random));
        }
        long clock = 0;
        for (int round = 0; round < 30; round++) {
            for (Script script : scripts) {
                if (round == 0 || random.nextInt(3) == 0) {
                    clock += 1 + random.nextInt(3600);
                    Instant at = START.plusSeconds(clock);
                    if (round > 0 && random.nextInt(3) == 0) {
                        at = at.minusSeconds(1 + random.nextInt(5 * 24 * 3600));
                    }
                    events.add(envelope.apply(script.step(round, at)));
                }
            }
        }
        Instant end = START.plusSeconds(clock).plus(Duration.ofDays(1));

        int from = 0;
        while (from < events.size()) {
            int to = Math.min(events.size(), from + 1 + random.nextInt(60));
            listener.project(events.subList(from, to));
            if (random.nextInt(4) == 0) {
                listener.project(events.subList(Math.max(0, from - random.nextInt(10)), to));
            }
            from = to;
        }

        long late = byDeal.values().stream().mapToLong(happened -> {
            long count = 0;
            for (int i = 1; i < happened.size(); i++) {
                if (happened.get(i).at().isBefore(happened.get(i - 1).at())) {
                    count++;
                }
            }
            return count;
        }).sum();
        assertThat(late).as("events recorded after later ones had happened").isGreaterThan(50);

        int cards = 0;
        for (int i = 0; i < 25; i++) {
            Instant at = i == 0 ? end : START.plusSeconds(random.nextLong(Duration.between(START, end).toSeconds()));
            for (String pipeline : List.of(sales, legal)) {
                Map<String, String> expected = expectedBoard(byDeal, pipeline, at);
                assertThat(board(pipeline, at)).as("board of %s at %s", pipeline, at).isEqualTo(expected);
                cards += expected.size();
            }
        }
        assertThat(cards).isGreaterThan(200);
        int lines = 0;
        for (int i = 0; i < 15; i++) {
            Instant a = START.plusSeconds(random.nextLong(Duration.between(START, end).toSeconds()));
            Instant b = a.plusSeconds(1 + random.nextLong(Duration.ofDays(6).toSeconds()));
            Map<String, Set<String>> expected = expectedReport(byDeal, sales, a, b);
            assertThat(report(sales, a, b)).as("changes from %s to %s", a, b).isEqualTo(expected);
            lines += expected.values().stream().mapToInt(Set::size).sum();
        }
        assertThat(lines).isGreaterThan(30);
    }

    private Map<String, String> board(String pipeline, Instant at) {
        BoardAsOf board = boards.find(new FindBoardAsOf(pipeline, at, null, 0, 200), ADMIN).orElseThrow();
        Map<String, String> cards = new TreeMap<>();
        for (BoardAsOf.Column column : board.columns()) {
            for (BoardAsOf.Card card : column.cards()) {
                cards.put(card.dealId(), String.join(" ", column.stageId(), String.valueOf(card.stageEnteredAt()),
                        card.title(), card.ownerId(), amount(card.amount()), String.valueOf(card.probability()),
                        String.valueOf(card.expectedCloseDate())));
            }
        }
        assertThat(board.totalDeals()).isEqualTo(cards.size());
        return cards;
    }

    private static Map<String, String> expectedBoard(Map<String, List<Happened>> byDeal, String pipeline,
                                                     Instant at) {
        Map<String, String> cards = new TreeMap<>();
        byDeal.forEach((deal, happened) -> {
            State state = fold(happened, at);
            if (state != null && pipeline.equals(state.pipelineId()) && "OPEN".equals(state.status())) {
                Integer probability = state.probability() != null ? state.probability()
                        : 10 + 20 * STAGES.indexOf(state.stageId());
                cards.put(deal, String.join(" ", state.stageId(), String.valueOf(state.stageEnteredAt()),
                        state.title(), state.ownerId(), amount(state.amount()), String.valueOf(probability),
                        String.valueOf(state.closeDate())));
            }
        });
        return cards;
    }

    private Map<String, Set<String>> report(String pipeline, Instant from, Instant to) {
        ChangeReport report = reports.find(new FindChangeReport(pipeline, from, to, 0, 500), ADMIN).orElseThrow();
        Map<String, Set<String>> lists = new TreeMap<>();
        lists.put("opened", ids(report.opened()));
        lists.put("advanced", ids(report.advanced()));
        lists.put("movedBack", ids(report.movedBack()));
        lists.put("won", ids(report.won()));
        lists.put("lost", ids(report.lost()));
        lists.put("closeDatePushedOut", ids(report.closeDatePushedOut()));
        lists.put("amountChanged", ids(report.amountChanged()));
        return lists;
    }

    private static Set<String> ids(List<ChangeReport.ChangedDeal> deals) {
        Set<String> ids = new TreeSet<>();
        deals.forEach(deal -> ids.add(deal.dealId()));
        return ids;
    }

    /** The report's lists as its documentation defines them, from the plain fold at both instants. */
    private static Map<String, Set<String>> expectedReport(Map<String, List<Happened>> byDeal, String pipeline,
                                                          Instant from, Instant to) {
        Map<String, Set<String>> lists = new TreeMap<>();
        for (String list : List.of("opened", "advanced", "movedBack", "won", "lost", "closeDatePushedOut",
                "amountChanged")) {
            lists.put(list, new TreeSet<>());
        }
        byDeal.forEach((deal, happened) -> {
            State before = fold(happened, from);
            State after = fold(happened, to);
            if (after == null || !pipeline.equals(after.pipelineId()) || Objects.equals(before, after)) {
                return;
            }
            if (before == null) {
                lists.get("opened").add(deal);
            }
            if ("WON".equals(after.status()) && (before == null || !"WON".equals(before.status()))) {
                lists.get("won").add(deal);
            }
            if ("LOST".equals(after.status()) && (before == null || !"LOST".equals(before.status()))) {
                lists.get("lost").add(deal);
            }
            if (before != null && pipeline.equals(before.pipelineId()) && "OPEN".equals(before.status())
                    && "OPEN".equals(after.status())) {
                int was = STAGES.indexOf(before.stageId());
                int is = STAGES.indexOf(after.stageId());
                if (is > was) {
                    lists.get("advanced").add(deal);
                } else if (was > is) {
                    lists.get("movedBack").add(deal);
                }
            }
            if (before == null) {
                return;
            }
            if (before.closeDate() != null && after.closeDate() != null
                    && after.closeDate().isAfter(before.closeDate())) {
                lists.get("closeDatePushedOut").add(deal);
            }
            if (!amount(before.amount()).equals(amount(after.amount()))) {
                lists.get("amountChanged").add(deal);
            }
        });
        return lists;
    }

    private static String amount(Money money) {
        return money == null ? "-" : money.amount().stripTrailingZeros().toPlainString() + " " + money.currency();
    }

    /** The deal at {@code at}: its events that happened by then, in business time, ties by sequence. */
    private static State fold(List<Happened> happened, Instant at) {
        Instant t = at.truncatedTo(ChronoUnit.MILLIS);
        List<Happened> then = happened.stream().filter(event -> !event.at().isAfter(t))
                .sorted(Comparator.comparing(Happened::at).thenComparingLong(Happened::sequence)).toList();
        String pipeline = null;
        String stage = null;
        Instant entered = null;
        String status = null;
        String title = null;
        String owner = null;
        Money amount = null;
        Integer probability = null;
        LocalDate closeDate = null;
        for (Happened event : then) {
            DomainEvent e = event.event();
            if (e instanceof DealOpened opened) {
                pipeline = opened.pipelineId();
                stage = opened.stageId();
                entered = event.at();
                status = "OPEN";
                title = opened.title();
                owner = opened.ownerId();
                amount = opened.amount();
            } else if (e instanceof DealMovedToStage moved) {
                pipeline = moved.pipelineId();
                stage = moved.toStageId();
                entered = event.at();
            } else if (e instanceof DealWon won) {
                status = "WON";
                stage = won.stageId();
                amount = won.amount() != null ? won.amount() : amount;
            } else if (e instanceof DealLost lost) {
                status = "LOST";
                stage = lost.stageId();
            } else if (e instanceof DealReopened reopened) {
                status = "OPEN";
                pipeline = reopened.pipelineId();
                stage = reopened.stageId();
                entered = event.at();
            } else if (e instanceof DealTransferred transferred) {
                pipeline = transferred.toPipelineId();
                stage = transferred.toStageId();
                entered = event.at();
            } else if (e instanceof DealAmountChanged changed) {
                amount = changed.amount();
            } else if (e instanceof ExpectedCloseDateChanged changed) {
                closeDate = changed.expectedCloseDate();
            } else if (e instanceof ProbabilityOverridden overridden) {
                probability = overridden.probability();
            } else if (e instanceof DealHandedOver handedOver) {
                owner = handedOver.ownerId();
            } else if (e instanceof DealDetailsEdited edited) {
                title = edited.details().title();
            }
        }
        return status == null ? null
                : new State(pipeline, stage, entered, status, title, owner, amount, probability, closeDate);
    }

    /** One deal's events, in an order the command side accepts (by sequence, not by when they happened). */
    private static final class Script {
        private final String dealId;
        private final String run;
        private final String sales;
        private final String legal;
        private final Random random;
        private String pipeline;
        private int stage;
        private String status = "OPEN";
        private String owner;
        private Money amount;
        private DealDetails details;

        Script(String dealId, String run, String sales, String legal, Random random) {
            this.dealId = dealId;
            this.run = run;
            this.owner = "anna-" + run;
            this.sales = sales;
            this.legal = legal;
            this.random = random;
            this.pipeline = sales;
        }

        private Money money() {
            return new Money(BigDecimal.valueOf(100 + random.nextInt(10_000), 2), random.nextBoolean() ? "EUR"
                    : "USD");
        }

        DomainEvent step(int round, Instant at) {
            if (round == 0) {
                amount = random.nextBoolean() ? money() : null;
                details = new DealDetails("Deal " + dealId, ClientInfo.NONE, null, null);
                return new DealOpened(dealId, pipeline, STAGES.get(0), details.title(), owner, "north", amount, at);
            }
            if (!"OPEN".equals(status)) {
                status = "OPEN";
                stage = random.nextInt(STAGES.size());
                return new DealReopened(dealId, pipeline, STAGES.get(stage), at);
            }
            switch (random.nextInt(11)) {
                case 0, 1, 2 -> {
                    int to = random.nextInt(STAGES.size());
                    DomainEvent moved = new DealMovedToStage(dealId, pipeline, STAGES.get(stage), STAGES.get(to), at);
                    stage = to;
                    return moved;
                }
                case 3 -> {
                    Money previous = amount;
                    amount = money();
                    return new DealAmountChanged(dealId, previous, amount, at);
                }
                case 4 -> {
                    DealDetails previous = details;
                    details = new DealDetails("Deal " + dealId + " " + round, ClientInfo.NONE, null, null);
                    return new DealDetailsEdited(dealId, previous, details, at);
                }
                case 5 -> {
                    String previous = owner;
                    owner = random.nextBoolean() ? "anna-" + run : "ben-" + run;
                    return new DealHandedOver(dealId, previous, owner, "north", "north", null, at);
                }
                case 6 -> {
                    return new ProbabilityOverridden(dealId, null, random.nextBoolean() ? null : random.nextInt(101),
                            at);
                }
                case 7 -> {
                    return new ExpectedCloseDateChanged(dealId, null,
                            LocalDate.of(2026, 12, 1).plusDays(random.nextInt(60)), at);
                }
                case 8 -> {
                    String to = sales.equals(pipeline) ? legal : sales;
                    int toStage = random.nextInt(STAGES.size());
                    DomainEvent transferred = new DealTransferred(dealId, pipeline, STAGES.get(stage), to,
                            STAGES.get(toStage), at);
                    pipeline = to;
                    stage = toStage;
                    return transferred;
                }
                case 9 -> {
                    status = "WON";
                    return new DealWon(dealId, pipeline, STAGES.get(stage), random.nextBoolean() ? money() : null, at);
                }
                default -> {
                    status = "LOST";
                    return new DealLost(dealId, pipeline, STAGES.get(stage), "Price", null, at);
                }
            }
        }
    }
}
