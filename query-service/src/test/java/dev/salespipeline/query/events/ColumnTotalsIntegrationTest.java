package dev.salespipeline.query.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.query.QueryServiceTestBase;
import dev.salespipeline.query.board.DealSums;
import dev.salespipeline.query.board.projection.ColumnTotals;
import dev.salespipeline.query.deal.projection.DealCard;

/**
 * The totals kept per owner and stage are those of the open cards, however the events come: in chunks of random
 * sizes, some delivered twice; after a crash between the totals' writes and the cards' (the totals as after the
 * batch, the cards as before it, then the batch again from the same offset); and from two consumers at once, each with
 * its own deals (as two partitions), changing the same cells concurrently. Hand-overs, transfers, wins, losses, reopenings and
 * probability overrides move deals between cells and change what they add up to.
 */
class ColumnTotalsIntegrationTest extends QueryServiceTestBase {

    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    @Autowired
    PipelineEventListener listener;

    @Autowired
    MongoTemplate mongo;

    private final List<RandomDealHistory> written = new ArrayList<>();

    /** The documents were written straight, not from the topic: a rebuild would not make them again. */
    @AfterEach
    void removeWhatWasWrittenStraight() {
        for (RandomDealHistory history : written) {
            Pattern deals = Pattern.compile("^" + Pattern.quote(history.prefix()));
            for (String collection : List.of("deal_cards", "deal_access", "deal_refs", "deal_history_heads")) {
                mongo.remove(Query.query(where("_id").regex(deals)), collection);
            }
            for (String collection : List.of("deal_versions", "stage_intervals", "deal_timeline", "tasks")) {
                mongo.remove(Query.query(where("dealId").regex(deals)), collection);
            }
            mongo.remove(Query.query(where("externalId").regex(deals)), "unmatched_activities");
            Pattern owners = Pattern.compile("^" + Pattern.quote(history.ownerPrefix()));
            mongo.remove(Query.query(where("_id").regex(owners)), "owner_teams");
            mongo.remove(Query.query(where("ownerId").regex(owners)), ColumnTotals.COLLECTION);
        }
    }

    @Test
    void chunksDeliveredOnceOrTwiceAddUpAsTheCards() {
        RandomDealHistory history = new RandomDealHistory(21).deals(20, 20);
        written.add(history);
        List<EventEnvelope<?>> events = history.events();
        Random random = new Random(5);
        int from = 0;
        while (from < events.size()) {
            int to = Math.min(events.size(), from + 1 + random.nextInt(60));
            listener.project(events.subList(from, to));
            if (random.nextInt(3) == 0) {
                listener.project(events.subList(Math.max(0, from - random.nextInt(20)), to));
            }
            from = to;
        }
        assertTotalsAddUpTheOpenCards(history);
    }

    @Test
    void aBatchWhoseCardsWereNotWrittenComesAgainToTheRightTotals() {
        RandomDealHistory history = new RandomDealHistory(22).deals(20, 20);
        written.add(history);
        List<EventEnvelope<?>> events = history.events();
        Random random = new Random(6);
        int from = 0;
        int crashes = 0;
        while (from < events.size()) {
            int to = Math.min(events.size(), from + 1 + random.nextInt(60));
            if (random.nextInt(2) == 0) {
                // The totals are written, then the service stops before the cards are: they stay as before the batch.
                List<Document> cards = perDeal(history, "deal_cards");
                List<Document> refs = perDeal(history, "deal_refs");
                listener.project(events.subList(from, to), positions(from, to));
                restore(history, "deal_cards", cards);
                restore(history, "deal_refs", refs);
                crashes++;
            }
            // The batch comes again from the last committed offset, perhaps with more records behind it.
            int again = Math.min(events.size(), to + random.nextInt(10));
            listener.project(events.subList(from, again), positions(from, again));
            from = again;
        }
        assertThat(crashes).isGreaterThan(2);
        assertTotalsAddUpTheOpenCards(history);
    }

    /** The events' positions, as records of one partition from offset {@code from} on. */
    private static List<ProjectionBatch.Position> positions(int from, int to) {
        List<ProjectionBatch.Position> positions = new ArrayList<>();
        for (int offset = from; offset < to; offset++) {
            positions.add(new ProjectionBatch.Position(0, offset));
        }
        return positions;
    }

    private List<Document> perDeal(RandomDealHistory history, String collection) {
        return mongo.find(Query.query(where("_id").regex("^" + Pattern.quote(history.prefix()))), Document.class,
                collection);
    }

    private void restore(RandomDealHistory history, String collection, List<Document> before) {
        mongo.remove(Query.query(where("_id").regex("^" + Pattern.quote(history.prefix()))), collection);
        before.forEach(document -> mongo.save(document, collection));
    }

    @Test
    void twoConsumersWorkingOutTheSameCellsAtOnceAddUpAsTheCards() throws Exception {
        RandomDealHistory history = new RandomDealHistory(23).deals(30, 15);
        written.add(history);
        List<List<EventEnvelope<?>>> partitions = List.of(new ArrayList<>(), new ArrayList<>());
        for (EventEnvelope<?> event : history.events()) {
            partitions.get(Math.floorMod(event.aggregateId().hashCode(), 2)).add(event);
        }
        ExecutorService consumers = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                List<EventEnvelope<?>> partition = partitions.get(p);
                Random random = new Random(p);
                running.add(consumers.submit(() -> {
                    int from = 0;
                    while (from < partition.size()) {
                        int to = Math.min(partition.size(), from + 1 + random.nextInt(10));
                        listener.project(partition.subList(from, to));
                        from = to;
                    }
                }));
            }
            for (Future<?> consumer : running) {
                consumer.get();
            }
        } finally {
            consumers.shutdownNow();
        }
        assertTotalsAddUpTheOpenCards(history);
    }

    private List<Document> totals(RandomDealHistory history) {
        return mongo.find(Query.query(where("ownerId").regex("^" + Pattern.quote(history.ownerPrefix()))),
                Document.class, ColumnTotals.COLLECTION);
    }

    /** The totals' rows, cell by cell, leaving out empty cells and the revisions. */
    private Map<String, List<String>> kept(RandomDealHistory history) {
        Map<String, List<String>> kept = new TreeMap<>();
        for (ColumnTotals totals : mongo.find(Query.query(where("ownerId")
                .regex("^" + Pattern.quote(history.ownerPrefix()))), ColumnTotals.class)) {
            List<String> rows = totals.rows().stream().map(row -> row(row.teamId(), row.currency(), row.deals(),
                    row.amount(), row.defaultAmount(), row.weightedOverride())).toList();
            if (!rows.isEmpty()) {
                kept.put(totals.id(), rows);
            }
        }
        return kept;
    }

    private void assertTotalsAddUpTheOpenCards(RandomDealHistory history) {
        Map<String, Map<String, Object[]>> cells = new TreeMap<>();
        List<DealCard> cards = mongo.find(Query.query(where("_id").regex("^" + Pattern.quote(history.prefix()))
                .and("status").is(DealCard.OPEN)), DealCard.class);
        assertThat(cards).hasSizeGreaterThan(5);
        for (DealCard card : cards) {
            String currency = card.amount() == null ? null : card.amount().currency();
            Object[] sums = cells.computeIfAbsent(ColumnTotals.id(card.pipelineId(), card.stageId(), card.ownerId()),
                    id -> new TreeMap<>()).computeIfAbsent(card.teamId() + "/" + currency, key -> new Object[] {
                        card.teamId(), currency, 0L, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            sums[2] = (Long) sums[2] + 1;
            if (card.amount() != null) {
                BigDecimal amount = card.amount().amount();
                sums[3] = ((BigDecimal) sums[3]).add(amount);
                if (card.probabilityOverride() == null) {
                    sums[4] = ((BigDecimal) sums[4]).add(amount);
                } else {
                    sums[5] = ((BigDecimal) sums[5]).add(DealSums.weighted(amount, card.probabilityOverride()));
                }
            }
        }
        Map<String, List<String>> expected = new TreeMap<>();
        cells.forEach((cell, rows) -> expected.put(cell, rows.values().stream()
                .sorted(Comparator.comparing((Object[] sums) -> (String) sums[0], NULLS_FIRST)
                        .thenComparing(sums -> (String) sums[1], NULLS_FIRST))
                .map(sums -> row((String) sums[0], (String) sums[1], (Long) sums[2], (BigDecimal) sums[3],
                        (BigDecimal) sums[4], (BigDecimal) sums[5])).toList()));
        assertThat(kept(history)).isEqualTo(expected);
    }

    private static String row(String team, String currency, long deals, BigDecimal amount, BigDecimal defaultAmount,
                              BigDecimal weightedOverride) {
        return team + " " + currency + " " + deals + " " + plain(amount) + " " + plain(defaultAmount) + " "
                + plain(weightedOverride);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
