package dev.salespipeline.benchmark;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;

import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.deal.CallLogged;
import dev.salespipeline.api.deal.DealAmountChanged;
import dev.salespipeline.api.deal.DealLost;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealWon;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.api.deal.ExpectedCloseDateChanged;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.deal.ProbabilityOverridden;
import dev.salespipeline.api.deal.TaskCompleted;
import dev.salespipeline.api.deal.TaskScheduled;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.envelope.EventTypes;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.PipelineTemplates;
import dev.salespipeline.api.pipeline.StageDefinition;
import tools.jackson.databind.json.JsonMapper;

/**
 * A made-up but plausible history of a sales team, as the command side would have published it to
 * {@link Topics#PIPELINE_EVENTS}: a few pipelines of the default template defined first, then deals opened over a
 * few months, each called about, given tasks that get done, moved forward stage by stage, given an expected close
 * date before the later stages, and won, lost or left open. The same seed gives the same history (but for the
 * instants, which end a day before {@code end}).
 *
 * <p>Records are keyed by aggregate id, carry the envelope's JSON as the services write it, have the event's
 * {@code occurredAt} as their timestamp, and come in the order of {@code occurredAt} (each aggregate's
 * {@code aggregateSequence} counts from 0).
 */
final class SyntheticHistory {

    static final int PIPELINES = 3;
    private static final int OWNERS = 24;
    private static final int TEAMS = 4;
    private static final Duration SPAN = Duration.ofDays(120);
    private static final List<String> STAGES = PipelineTemplates.DEFAULT_STAGES.stream()
            .map(StageDefinition::stageId).toList();

    private final List<ProducerRecord<String, byte[]>> records;
    private final List<String> pipelineIds;
    private final Map<String, Long> openedPerPipeline;
    private final int deals;
    private final long bytes;
    private final List<BoardDeal> boardDeals;

    private SyntheticHistory(List<ProducerRecord<String, byte[]>> records, List<String> pipelineIds,
                             Map<String, Long> openedPerPipeline, int deals, long bytes) {
        this(records, pipelineIds, openedPerPipeline, deals, bytes, List.of());
    }

    private SyntheticHistory(List<ProducerRecord<String, byte[]>> records, List<String> pipelineIds,
                             Map<String, Long> openedPerPipeline, int deals, long bytes, List<BoardDeal> boardDeals) {
        this.records = records;
        this.pipelineIds = pipelineIds;
        this.openedPerPipeline = openedPerPipeline;
        this.deals = deals;
        this.bytes = bytes;
        this.boardDeals = boardDeals;
    }

    /** The open deals {@link #openDeals} made, as they stand after its events; empty for other histories. */
    List<BoardDeal> boardDeals() {
        return boardDeals;
    }

    /** The records, ready to send in this order. */
    List<ProducerRecord<String, byte[]>> records() {
        return records;
    }

    List<String> pipelineIds() {
        return pipelineIds;
    }

    /** Deals opened in the pipeline, as the opened-deals metric counts them once everything is processed. */
    long opened(String pipelineId) {
        return openedPerPipeline.getOrDefault(pipelineId, 0L);
    }

    int deals() {
        return deals;
    }

    /** Keys and values of all records together. */
    long bytes() {
        return bytes;
    }

    /**
     * Exactly {@code events} events (the last deal's history may be cut short), the last a day or more before
     * {@code end}.
     */
    static SyntheticHistory generate(int events, long seed, Instant end, JsonMapper json) {
        if (events <= PIPELINES) {
            throw new IllegalArgumentException("at least " + (PIPELINES + 1) + " events, got " + events);
        }
        Random random = new Random(seed);
        Instant last = end.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1));
        Instant first = last.minus(SPAN);
        List<Timed> timed = new ArrayList<>(events);
        List<String> pipelineIds = new ArrayList<>();
        for (int p = 0; p < PIPELINES; p++) {
            String pipelineId = "pipeline-" + (p + 1);
            pipelineIds.add(pipelineId);
            Instant at = first.plusSeconds(p);
            timed.add(new Timed(pipelineId, 0, new PipelineDefined(pipelineId, "Sales " + (p + 1),
                    PipelineTemplates.DEFAULT_STAGES, PipelineTemplates.DEFAULT_IDLE_LIMIT,
                    PipelineTemplates.DEFAULT_LOST_REASONS, at), "admin"));
        }
        Map<String, Long> opened = new LinkedHashMap<>();
        int deals = 0;
        while (timed.size() < events) {
            List<DomainEvent> history = deal(random, "deal-" + (deals + 1), pipelineIds, first, last);
            String actor = ((DealOpened) history.get(0)).ownerId();
            opened.merge(((DealOpened) history.get(0)).pipelineId(), 1L, Long::sum);
            int keep = Math.min(history.size(), events - timed.size());
            for (int sequence = 0; sequence < keep; sequence++) {
                DomainEvent event = history.get(sequence);
                timed.add(new Timed(event.aggregateId(), sequence, event, actor));
            }
            deals++;
        }
        // Each deal's events are in time order already; a stable sort keeps that order for equal instants.
        timed.sort(Comparator.comparing(event -> event.event().occurredAt()));

        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(timed.size());
        long bytes = 0;
        long globalSequence = 0;
        for (Timed event : timed) {
            DomainEvent payload = event.event();
            Instant at = payload.occurredAt();
            EventEnvelope<DomainEvent> envelope = new EventEnvelope<>(uuid(random), EventTypes.nameOf(payload.getClass()),
                    EventTypes.versionOf(payload.getClass()), event.aggregateId(), event.sequence(), globalSequence++,
                    at, at.plusMillis(5 + random.nextInt(40)), event.actor(), "web", uuid(random), payload);
            byte[] value = json.writeValueAsBytes(envelope);
            bytes += value.length + event.aggregateId().length();
            records.add(new ProducerRecord<>(Topics.PIPELINE_EVENTS, null, at.toEpochMilli(), event.aggregateId(),
                    value));
        }
        return new SyntheticHistory(records, List.copyOf(pipelineIds), opened, deals, bytes);
    }

    /** The owners of {@link #openDeals}: the development identity provider's rep and managers among them. */
    static final List<String> BOARD_OWNERS = List.of("anna", "max", "nina", "rep-4", "rep-5", "rep-6", "rep-7", "rep-8",
            "rep-9", "rep-10", "rep-11", "rep-12", "rep-13", "rep-14", "rep-15", "rep-16", "rep-17", "rep-18", "rep-19",
            "rep-20");
    private static final List<String> BOARD_TEAMS = List.of("north", "south", "east", "west");

    /**
     * Deals {@code from} (inclusive) to {@code to} of a pipeline's board, all open: each opened in one of the stages
     * before the last, by one of twenty owners in four teams, with an amount in euros or dollars; one in ten also gets
     * a probability of its own. With {@code from} 0 the pipeline's definition comes first.
     */
    static SyntheticHistory openDeals(String pipelineId, int from, int to, long seed, Instant at, JsonMapper json) {
        Random random = new Random(seed + from);
        List<Timed> timed = new ArrayList<>();
        List<BoardDeal> opened = new ArrayList<>();
        if (from == 0) {
            timed.add(new Timed(pipelineId, 0, new PipelineDefined(pipelineId, "Board " + pipelineId,
                    PipelineTemplates.DEFAULT_STAGES, PipelineTemplates.DEFAULT_IDLE_LIMIT,
                    PipelineTemplates.DEFAULT_LOST_REASONS, at.minus(SPAN)), "admin"));
        }
        for (int deal = from; deal < to; deal++) {
            String dealId = pipelineId + "-deal-" + (deal + 1);
            int owner = random.nextInt(BOARD_OWNERS.size());
            String ownerId = BOARD_OWNERS.get(owner);
            Money amount = new Money(BigDecimal.valueOf(500L + random.nextInt(99_500)).setScale(2),
                    random.nextInt(5) == 0 ? "USD" : "EUR");
            Instant openedAt = at.minus(SPAN).plusSeconds((long) (random.nextDouble() * SPAN.toSeconds()));
            // anna and max are in the north team, nina in the south, as the identity provider has them.
            String teamId = owner == 2 ? "south" : owner < 2 ? "north" : BOARD_TEAMS.get(owner % BOARD_TEAMS.size());
            String stageId = STAGES.get(random.nextInt(STAGES.size() - 1));
            timed.add(new Timed(dealId, 0, new DealOpened(dealId, pipelineId, stageId, "Deal " + (deal + 1)
                    + " for Company " + random.nextInt(5_000), ownerId, teamId, amount, openedAt), ownerId));
            Integer probability = null;
            if (random.nextInt(10) == 0) {
                probability = 5 + random.nextInt(90);
                timed.add(new Timed(dealId, 1, new ProbabilityOverridden(dealId, null, probability,
                        openedAt.plusSeconds(60)), ownerId));
            }
            opened.add(new BoardDeal(dealId, ownerId, stageId, amount, probability, openedAt,
                    probability == null ? 1 : 2));
        }
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        long bytes = envelopes(timed, random, json, records);
        return new SyntheticHistory(records, List.of(pipelineId), Map.of(pipelineId, (long) (to - from)), to - from,
                bytes, opened);
    }

    /**
     * A history of {@code events} changes to open deals of one pipeline, spread evenly over the deals and, for each,
     * at random instants between its opening and {@code at}: moves to another stage (two in five), amount
     * changes (two in five) and probability overrides, so that the deals stay open and the board's history grows. The
     * records come in the order of {@code occurredAt}, each deal's sequence going on from {@code deals}.
     */
    static SyntheticHistory boardHistory(String pipelineId, List<BoardDeal> deals, int events, long seed, Instant at,
                                         JsonMapper json) {
        Random random = new Random(seed * 31 + events);
        List<Timed> timed = new ArrayList<>(events);
        for (int index = 0; index < deals.size(); index++) {
            BoardDeal deal = deals.get(index);
            int count = events / deals.size() + (index < events % deals.size() ? 1 : 0);
            Instant first = deal.opened().plusSeconds(120);
            long spanMillis = Math.max(1, Duration.between(first, at).toMillis());
            long[] offsets = new long[count];
            for (int i = 0; i < count; i++) {
                offsets[i] = (long) (random.nextDouble() * spanMillis);
            }
            Arrays.sort(offsets);
            String stageId = deal.stageId();
            Money amount = deal.amount();
            Integer probability = deal.probability();
            long sequence = deal.nextSequence();
            for (long offset : offsets) {
                Instant when = first.plusMillis(offset);
                int kind = random.nextInt(5);
                DomainEvent event;
                if (kind < 2) {
                    // Any other stage of the pipeline: the deal stays open.
                    int target = random.nextInt(STAGES.size() - 1);
                    if (target >= STAGES.indexOf(stageId)) {
                        target++;
                    }
                    String toStage = STAGES.get(target);
                    event = new DealMovedToStage(deal.dealId(), pipelineId, stageId, toStage, when);
                    stageId = toStage;
                } else if (kind < 4) {
                    Money next = new Money(BigDecimal.valueOf(500L + random.nextInt(99_500)).setScale(2),
                            amount.currency());
                    event = new DealAmountChanged(deal.dealId(), amount, next, when);
                    amount = next;
                } else {
                    int next = 5 + random.nextInt(90);
                    event = new ProbabilityOverridden(deal.dealId(), probability, next, when);
                    probability = next;
                }
                timed.add(new Timed(deal.dealId(), sequence++, event, deal.ownerId()));
            }
        }
        // Stable: each deal's events, in time order already, keep their order among equal instants.
        timed.sort(Comparator.comparing((Timed event) -> event.event().occurredAt()));
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(timed.size());
        long bytes = envelopes(timed, random, json, records);
        return new SyntheticHistory(records, List.of(pipelineId), Map.of(pipelineId, 0L), deals.size(), bytes);
    }

    /** Wraps each event in its envelope as the services publish it; returns the bytes of keys and values. */
    private static long envelopes(List<Timed> timed, Random random, JsonMapper json,
                                  List<ProducerRecord<String, byte[]>> records) {
        long bytes = 0;
        for (Timed event : timed) {
            DomainEvent payload = event.event();
            Instant occurred = payload.occurredAt();
            EventEnvelope<DomainEvent> envelope = new EventEnvelope<>(uuid(random),
                    EventTypes.nameOf(payload.getClass()), EventTypes.versionOf(payload.getClass()),
                    event.aggregateId(), event.sequence(), 0, occurred, occurred.plusMillis(5), event.actor(), "web",
                    uuid(random), payload);
            byte[] value = json.writeValueAsBytes(envelope);
            bytes += value.length + event.aggregateId().length();
            records.add(new ProducerRecord<>(Topics.PIPELINE_EVENTS, null, occurred.toEpochMilli(),
                    event.aggregateId(), value));
        }
        return bytes;
    }

    /** The envelope of a deal opened now in the pipeline, as a record: what a rep does while the metrics run. */
    static ProducerRecord<String, byte[]> openedNow(String dealId, String pipelineId, JsonMapper json) {
        Instant now = Instant.now();
        DealOpened event = new DealOpened(dealId, pipelineId, STAGES.get(0), "Deal " + dealId, "rep-1", "team-1",
                Money.of("2500.00", "EUR"), now);
        EventEnvelope<DealOpened> envelope = new EventEnvelope<>(UUID.randomUUID().toString(),
                EventTypes.nameOf(DealOpened.class), EventTypes.versionOf(DealOpened.class), dealId, 0, 0, now, now,
                "rep-1", "web", UUID.randomUUID().toString(), event);
        return new ProducerRecord<>(Topics.PIPELINE_EVENTS, null, now.toEpochMilli(), dealId,
                json.writeValueAsBytes(envelope));
    }

    /** One deal's whole history, the events in time order, none after {@code last}. */
    private static List<DomainEvent> deal(Random random, String dealId, List<String> pipelineIds, Instant first,
                                          Instant last) {
        String pipelineId = pipelineIds.get(random.nextInt(pipelineIds.size()));
        int owner = random.nextInt(OWNERS);
        String ownerId = "rep-" + (owner + 1);
        String currency = random.nextInt(5) == 0 ? "USD" : "EUR";
        Money amount = new Money(BigDecimal.valueOf(500L + random.nextInt(99_500)).setScale(2), currency);
        long openWindow = SPAN.minusDays(10).toSeconds();
        Instant at = first.plus(Duration.ofHours(1)).plusSeconds((long) (random.nextDouble() * openWindow));

        // How far the deal gets: each further stage with a chance of 70 %; then won, lost or still open.
        int furthest = 0;
        while (furthest < STAGES.size() - 1 && random.nextInt(100) < 70) {
            furthest++;
        }
        int outcome = random.nextInt(100);
        boolean won = furthest >= 3 ? outcome < 45 : false;
        boolean lost = furthest >= 3 ? outcome >= 45 && outcome < 75 : outcome < 45;

        List<DomainEvent> events = new ArrayList<>();
        events.add(new DealOpened(dealId, pipelineId, STAGES.get(0), "Deal " + dealId + " for Company "
                + random.nextInt(5_000), ownerId, "team-" + (owner % TEAMS + 1), amount, at));
        int calls = 0;
        int tasks = 0;
        boolean closeDateSet = false;
        for (int stage = 0; stage <= furthest; stage++) {
            int activities = 1 + random.nextInt(2);
            for (int a = 0; a < activities; a++) {
                at = at.plus(Duration.ofMinutes(30 + random.nextInt(36 * 60)));
                if (random.nextInt(100) < 55) {
                    boolean answered = random.nextInt(100) < 70;
                    events.add(new CallLogged(dealId, dealId + "-call-" + (++calls),
                            random.nextInt(4) == 0 ? Direction.INBOUND : Direction.OUTBOUND, at,
                            answered ? 15 + random.nextInt(900) : 0, answered, "+4930" + (1_000_000 + random.nextInt(
                            8_999_999)), null, null, null));
                } else {
                    String taskId = dealId + "-task-" + (++tasks);
                    Instant due = at.plus(Duration.ofHours(4 + random.nextInt(96)));
                    events.add(new TaskScheduled(dealId, taskId, "Follow up " + tasks, due, at));
                    at = due.minus(Duration.ofMinutes(random.nextInt(180)));
                    events.add(new TaskCompleted(dealId, taskId, at));
                }
            }
            if (stage == 2 && !closeDateSet) {
                at = at.plus(Duration.ofMinutes(5 + random.nextInt(600)));
                LocalDate close = LocalDate.ofInstant(at, ZoneOffset.UTC).plusDays(20 + random.nextInt(70));
                events.add(new ExpectedCloseDateChanged(dealId, null, close, at));
                closeDateSet = true;
            }
            at = at.plus(Duration.ofMinutes(60 + random.nextInt(5 * 24 * 60)));
            if (stage < furthest) {
                events.add(new DealMovedToStage(dealId, pipelineId, STAGES.get(stage), STAGES.get(stage + 1), at));
            } else if (won) {
                events.add(new DealWon(dealId, pipelineId, STAGES.get(stage), amount, at));
            } else if (lost) {
                events.add(new DealLost(dealId, pipelineId, STAGES.get(stage), PipelineTemplates.DEFAULT_LOST_REASONS
                        .get(random.nextInt(PipelineTemplates.DEFAULT_LOST_REASONS.size())), null, at));
            }
        }
        // Whatever would happen after the end of the history has not happened yet.
        Instant cut = last;
        events.removeIf(event -> event.occurredAt().isAfter(cut));
        return events;
    }

    private static String uuid(Random random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private record Timed(String aggregateId, long sequence, DomainEvent event, String actor) {
    }

    /**
     * An open deal of a board as {@link #openDeals} left it: what a later history of it goes on from.
     *
     * @param probability  the overridden probability, or null when the stage's applies
     * @param nextSequence the aggregate sequence of the deal's next event
     */
    record BoardDeal(String dealId, String ownerId, String stageId, Money amount, Integer probability,
                     Instant opened, long nextSequence) {
    }
}
