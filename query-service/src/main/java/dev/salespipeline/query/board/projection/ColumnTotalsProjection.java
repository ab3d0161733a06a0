package dev.salespipeline.query.board.projection;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import com.mongodb.bulk.BulkWriteError;

import dev.salespipeline.api.deal.DealEvent;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.query.board.DealSums;
import dev.salespipeline.query.deal.projection.DealCard;
import dev.salespipeline.query.events.Documents;
import dev.salespipeline.query.events.Projection;
import dev.salespipeline.query.events.ProjectionBatch;
import dev.salespipeline.query.events.ProjectionBatch.Position;

/**
 * Keeps {@link ColumnTotals} by deltas: after each deal event, the deal's card as the card projection has just folded
 * it is compared with the card before the event; a change of what it adds up to (its owner, stage, pipeline, team,
 * amount, probability of its own, or its being open) takes its old share out of one cell and puts its new share into
 * another. Once per batch, the cells the batch changed are read (one query), their deltas added and each cell written
 * once, so that the cost of a batch grows with the cells it changes, not with the open deals in them.
 *
 * <p>The totals are written before the batch's cards. A batch delivered again finds its events already in the cards
 * (their versions), which then change nothing, so no delta comes of them; and if the totals were written but the
 * cards were not, the cells remember, per partition, the offset of the last event they took ({@link
 * ColumnTotals#positions()}), and leave out the deltas of the events up to it. Two writers of the same cell at once
 * (two consumers, or one that lost its partitions finishing a batch) cannot lose a delta: each replaces only the
 * revision it read, and the one that finds a newer revision reads the cell again and adds its deltas to that.
 *
 * <p>A cell is worked out again from the stored open cards (one query per owner and pipeline, through the cards'
 * index on pipeline, status, owner and stage) where deltas alone cannot be trusted: when read models from a release
 * without these totals start, when a batch's deltas would leave a row with fewer than no deals, and when an event is
 * dead-lettered after the totals took its change. A rebuild works every cell out once, from the rebuilt cards, before
 * the swap, while the live consumers are stopped.
 */
@Component
@Order(1)
class ColumnTotalsProjection implements Projection {

    private static final Logger log = LoggerFactory.getLogger(ColumnTotalsProjection.class);

    /** MongoDB's duplicate-key error: the upsert of a revision another writer replaced meanwhile. */
    private static final int DUPLICATE_KEY = 11000;
    /** Rounds of adding deltas to cells that other writers changed meanwhile, before the batch is tried again. */
    private static final int ROUNDS = 10;
    private static final String[] CARD_FIELDS = {"pipelineId", "stageId", "ownerId", "teamId", "amount",
            "probabilityOverride"};

    /** Under this key a batch keeps what the totals take from its events. */
    private static final Object CHANGES = new Object();

    private record Cell(String pipelineId, String stageId, String ownerId) {

        String id() {
            return ColumnTotals.id(pipelineId, stageId, ownerId);
        }
    }

    /** What an open card adds to the totals: to which cell and row, and how much. */
    private record Share(Cell cell, String teamId, String currency, BigDecimal amount, Integer override) {

        /** The card's share, or null when it adds nothing (closed, or no card). */
        static Share of(DealCard card) {
            if (card == null || !DealCard.OPEN.equals(card.status())) {
                return null;
            }
            return new Share(new Cell(card.pipelineId(), card.stageId(), card.ownerId()), card.teamId(),
                    card.amount() == null ? null : card.amount().currency(),
                    card.amount() == null ? null : card.amount().amount(), card.probabilityOverride());
        }
    }

    /** A share put into ({@code sign} 1) or taken out of (-1) its cell by the event read at {@code position}. */
    private record Delta(Share share, int sign, Position position) {
    }

    /** A batch's changes to the totals. */
    private static final class Changes {
        /** Per deal, its share as of the last event of the batch applied so far. */
        private final Map<String, Share> shares = new HashMap<>();
        private final Map<Cell, List<Delta>> deltas = new LinkedHashMap<>();
        /** Cells to work out again from the cards once the cards are written. */
        private final Set<Cell> toWorkOut = new LinkedHashSet<>();

        void add(Share share, int sign, Position position) {
            deltas.computeIfAbsent(share.cell(), ignored -> new ArrayList<>()).add(new Delta(share, sign, position));
        }
    }

    ColumnTotalsProjection(MongoTemplate mongo) {
        mongo.indexOps(ColumnTotals.COLLECTION).createIndex(new Index().on("pipelineId", Sort.Direction.ASC)
                .on("ownerId", Sort.Direction.ASC).on("stageId", Sort.Direction.ASC).named("pipeline_owner_stage"));
        workOutWhatCardsHaveWithoutTotals(mongo);
    }

    /**
     * Read models from a release without these totals have cards and no totals: every cell of the open cards is worked
     * out once, before the consumers start. Another instance doing the same at once is one more writer of the same
     * cells, which the revisions keep apart.
     */
    private static void workOutWhatCardsHaveWithoutTotals(MongoTemplate mongo) {
        Query open = Query.query(where("status").is(DealCard.OPEN));
        if (mongo.exists(new Query(), ColumnTotals.class) || !mongo.exists(open, DealCard.class)) {
            return;
        }
        open.fields().include("pipelineId", "stageId", "ownerId");
        Set<Cell> cells = new LinkedHashSet<>();
        try (var cards = mongo.stream(open, Document.class, DealCard.COLLECTION)) {
            cards.forEach(card -> cells.add(new Cell(card.getString("pipelineId"), card.getString("stageId"),
                    card.getString("ownerId"))));
        }
        workOut(new ProjectionBatch(mongo), cells);
    }

    /** Takes each deal's share before the batch, from the cards the card projection (which loads first) loaded. */
    @Override
    public void load(List<EventEnvelope<?>> events, ProjectionBatch batch) {
        if (batch.rebuild()) {
            return;
        }
        Documents<DealCard> cards = DealCard.in(batch);
        Changes changes = batch.state(CHANGES, Changes::new);
        for (EventEnvelope<?> envelope : events) {
            if (envelope.payload() instanceof DealEvent event && !changes.shares.containsKey(event.dealId())) {
                changes.shares.put(event.dealId(), Share.of(cards.get(event.dealId())));
            }
        }
    }

    /** Runs after the card projection has applied the event: the card is as of this event. */
    @Override
    public void apply(EventEnvelope<?> envelope, ProjectionBatch batch) {
        if (batch.rebuild() || !(envelope.payload() instanceof DealEvent event)) {
            return;
        }
        Changes changes = batch.state(CHANGES, Changes::new);
        Share before = changes.shares.get(event.dealId());
        Share after = Share.of(DealCard.in(batch).get(event.dealId()));
        if (Objects.equals(before, after)) {
            return;
        }
        Position position = batch.position(envelope);
        if (before != null) {
            changes.add(before, -1, position);
        }
        if (after != null) {
            changes.add(after, 1, position);
        }
        changes.shares.put(event.dealId(), after);
    }

    /** Adds the batch's deltas to the cells, before the batch's cards are written. */
    @Override
    public void finish(ProjectionBatch batch) {
        if (batch.rebuild()) {
            return;
        }
        Changes changes = batch.state(CHANGES, Changes::new);
        List<Cell> pending = new ArrayList<>(changes.deltas.keySet());
        MongoTemplate mongo = batch.mongo();
        String collection = batch.collection(ColumnTotals.class);
        for (int round = 1; !pending.isEmpty(); round++) {
            Map<String, ColumnTotals> stored = stored(mongo, collection, pending);
            BulkOperations bulk = mongo.bulkOps(BulkMode.UNORDERED, ColumnTotals.class, collection);
            List<Cell> writing = new ArrayList<>();
            for (Cell cell : pending) {
                ColumnTotals current = stored.get(cell.id());
                ColumnTotals next = withDeltas(cell, current, changes.deltas.get(cell));
                if (next == null) {
                    continue;
                }
                if (!next.rows().stream().allMatch(Sums::consistent)) {
                    // The cell lost count (a write of an earlier release, a delta taken and then dead-lettered):
                    // it is worked out from the cards once they are written.
                    log.warn("Column totals {} would not add up (fewer than no deals, or an amount of a scale no deal "
                            + "has); working them out from the cards", cell.id());
                    changes.toWorkOut.add(cell);
                    continue;
                }
                bulk.replaceOne(Query.query(revisionIs(cell, current)), next, FindAndReplaceOptions.options()
                        .upsert());
                writing.add(cell);
            }
            pending = execute(bulk, writing, round);
        }
    }

    /**
     * The cell with the deltas it has not taken yet, or null when it has taken them all: a delta read at a position
     * the cell has passed is left out; a delta without a position (events handed to the batch directly) is added.
     */
    private static ColumnTotals withDeltas(Cell cell, ColumnTotals current, List<Delta> deltas) {
        Map<String, Long> positions = new TreeMap<>(current == null ? Map.of() : current.positions());
        Sums sums = new Sums();
        if (current != null) {
            current.rows().forEach(sums::add);
        }
        boolean changed = false;
        for (Delta delta : deltas) {
            Position position = delta.position();
            if (position != null) {
                Long passed = current == null ? null : current.positions().get(position.key());
                if (passed != null && passed >= position.offset()) {
                    continue;
                }
                positions.merge(position.key(), position.offset(), Math::max);
            }
            Share share = delta.share();
            sums.add(share.teamId(), share.currency(), share.amount(), share.override(), delta.sign());
            changed = true;
        }
        if (!changed) {
            return null;
        }
        return new ColumnTotals(cell.id(), cell.pipelineId(), cell.stageId(), cell.ownerId(), sums.rows(),
                current == null ? 1 : current.revision() + 1, positions);
    }

    /** Replaces only the revision read: a writer that got there first makes the upsert collide with the id. */
    private static Criteria revisionIs(Cell cell, ColumnTotals current) {
        Criteria filter = where("_id").is(cell.id());
        return current == null ? filter.and("revision").exists(false) : filter.and("revision").is(current.revision());
    }

    /** Runs the bulk write; returns the cells that another writer changed meanwhile, to be read and written again. */
    private static List<Cell> execute(BulkOperations bulk, List<Cell> writing, int round) {
        if (writing.isEmpty()) {
            return List.of();
        }
        try {
            bulk.execute();
            return List.of();
        } catch (BulkOperationException e) {
            List<Cell> again = new ArrayList<>();
            for (BulkWriteError error : e.getErrors()) {
                if (error.getCode() != DUPLICATE_KEY || round == ROUNDS) {
                    // A duplicate key is a race that passes: the listener tries the batch again.
                    throw e;
                }
                again.add(writing.get(error.getIndex()));
            }
            return again;
        }
    }

    private static Map<String, ColumnTotals> stored(MongoTemplate mongo, String collection, List<Cell> cells) {
        Map<String, ColumnTotals> stored = new HashMap<>();
        for (ColumnTotals totals : mongo.find(Query.query(where("_id").in(cells.stream().map(Cell::id).toList())),
                ColumnTotals.class, collection)) {
            stored.put(totals.id(), totals);
        }
        return stored;
    }

    @Override
    public void written(ProjectionBatch batch) {
        if (batch.rebuild()) {
            return;
        }
        Changes changes = batch.state(CHANGES, Changes::new);
        if (!changes.toWorkOut.isEmpty()) {
            workOut(batch, changes.toWorkOut);
        }
    }

    /**
     * The batch of a single event failed for good, and the event goes to the dead-letter topic. An earlier batch with
     * it may have added its change to the totals before its writes failed, and the records behind it in that batch,
     * whose changes it added too, come again without their cards written. So the cells the event changes are worked out
     * again from the cards, and forget the offsets they took from its partition: the records that come again add their
     * changes to what the cards have.
     */
    @Override
    public void abandoned(ProjectionBatch batch) {
        if (batch.rebuild()) {
            return;
        }
        Changes changes = batch.state(CHANGES, Changes::new);
        Set<Cell> cells = new LinkedHashSet<>(changes.deltas.keySet());
        cells.addAll(changes.toWorkOut);
        Set<String> partitions = new LinkedHashSet<>();
        changes.deltas.values().forEach(deltas -> deltas.stream().map(Delta::position).filter(Objects::nonNull)
                .forEach(position -> partitions.add(position.key())));
        if (!cells.isEmpty()) {
            workOut(batch, cells, partitions);
        }
    }

    private static void workOut(ProjectionBatch batch, Set<Cell> cells) {
        workOut(batch, cells, Set.of());
    }

    /** Works cells out again from the stored open cards, keeping the positions they have passed but those given. */
    private static void workOut(ProjectionBatch batch, Set<Cell> cells, Set<String> forgetting) {
        MongoTemplate mongo = batch.mongo();
        String collection = batch.collection(ColumnTotals.class);
        List<Cell> pending = new ArrayList<>(cells);
        for (int round = 1; !pending.isEmpty(); round++) {
            Map<String, ColumnTotals> stored = stored(mongo, collection, pending);
            Map<Cell, List<ColumnTotals.Row>> rows = rows(batch, pending);
            BulkOperations bulk = mongo.bulkOps(BulkMode.UNORDERED, ColumnTotals.class, collection);
            for (Cell cell : pending) {
                ColumnTotals current = stored.get(cell.id());
                Map<String, Long> positions = new TreeMap<>(current == null ? Map.of() : current.positions());
                positions.keySet().removeAll(forgetting);
                bulk.replaceOne(Query.query(revisionIs(cell, current)), new ColumnTotals(cell.id(), cell.pipelineId(),
                        cell.stageId(), cell.ownerId(), rows.getOrDefault(cell, List.of()),
                        current == null ? 1 : current.revision() + 1, positions),
                        FindAndReplaceOptions.options().upsert());
            }
            pending = execute(bulk, pending, round);
        }
    }

    /** The rows of each cell from its open cards: one query per pipeline and owner, for the stages concerned. */
    private static Map<Cell, List<ColumnTotals.Row>> rows(ProjectionBatch batch, List<Cell> cells) {
        Map<List<String>, Set<String>> stages = new LinkedHashMap<>();
        for (Cell cell : cells) {
            stages.computeIfAbsent(Arrays.asList(cell.pipelineId(), cell.ownerId()),
                    key -> new LinkedHashSet<>()).add(cell.stageId());
        }
        Map<Cell, Sums> sums = new LinkedHashMap<>();
        String collection = batch.collection(DealCard.class);
        stages.forEach((pipelineOwner, stageIds) -> {
            Query query = Query.query(where("pipelineId").is(pipelineOwner.get(0)).and("status").is(DealCard.OPEN)
                    .and("ownerId").is(pipelineOwner.get(1)).and("stageId").in(stageIds));
            query.fields().include(CARD_FIELDS);
            for (Document card : batch.mongo().find(query, Document.class, collection)) {
                add(sums, card);
            }
        });
        Map<Cell, List<ColumnTotals.Row>> rows = new LinkedHashMap<>();
        sums.forEach((cell, cellSums) -> rows.put(cell, cellSums.rows()));
        return rows;
    }

    private static void add(Map<Cell, Sums> sums, Document card) {
        Cell cell = new Cell(card.getString("pipelineId"), card.getString("stageId"), card.getString("ownerId"));
        Document amount = card.get("amount", Document.class);
        Number override = (Number) card.get("probabilityOverride");
        sums.computeIfAbsent(cell, ignored -> new Sums()).add(card.getString("teamId"),
                amount == null ? null : amount.getString("currency"),
                amount == null ? null : DealSums.decimal(amount.get("amount")),
                override == null ? null : override.intValue(), 1);
    }

    @Override
    public void rebuilt(ProjectionBatch batch) {
        Map<Cell, Sums> sums = new LinkedHashMap<>();
        Query open = Query.query(where("status").is(DealCard.OPEN));
        open.fields().include(CARD_FIELDS);
        try (var cards = batch.mongo().stream(open, Document.class, batch.collection(DealCard.class))) {
            cards.forEach(card -> add(sums, card));
        }
        // The live totals' revisions carry over, so that each document's revisions go on rising after the swap; a
        // cell the live totals have and the rebuilt cards leave empty is kept, empty, as live it would be. So do the
        // positions: the live consumers go on from where the rebuild stopped, past every offset the live totals took.
        Map<String, ColumnTotals> live = new LinkedHashMap<>();
        for (ColumnTotals stored : batch.mongo().findAll(ColumnTotals.class)) {
            live.put(stored.id(), stored);
        }
        Documents<ColumnTotals> totals = batch.documents(ColumnTotals.class, ColumnTotals::id);
        live.values().forEach(stored -> sums.putIfAbsent(new Cell(stored.pipelineId(), stored.stageId(),
                stored.ownerId()), new Sums()));
        sums.forEach((cell, cellSums) -> {
            ColumnTotals stored = live.get(cell.id());
            totals.put(new ColumnTotals(cell.id(), cell.pipelineId(), cell.stageId(), cell.ownerId(), cellSums.rows(),
                    stored == null ? 1 : stored.revision(), stored == null ? Map.of() : stored.positions()));
        });
    }

    /**
     * One cell's deals added up, by team and currency. Deals go in and out, so each row also counts its deals' amounts
     * by scale: a sum is shown at the largest scale of the amounts in it, which it keeps when a deal with a larger one
     * leaves. The other sums are kept without trailing zeros, so that any order of the same deals adds up the same.
     */
    private static final class Sums {

        private static final Comparator<List<String>> KEYS = Comparator
                .comparing((List<String> key) -> key.get(0), Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(key -> key.get(1), Comparator.nullsFirst(Comparator.naturalOrder()));

        private final Map<List<String>, RowSums> rows = new TreeMap<>(KEYS);

        private static final class RowSums {
            private long deals;
            private BigDecimal amount = BigDecimal.ZERO;
            private BigDecimal defaultAmount = BigDecimal.ZERO;
            private BigDecimal weightedOverride = BigDecimal.ZERO;
            private final List<Long> scales = new ArrayList<>();

            void countScale(int scale, long count) {
                while (scales.size() <= scale) {
                    scales.add(0L);
                }
                scales.set(scale, scales.get(scale) + count);
            }
        }

        /** A stored row, taken as it is. */
        void add(ColumnTotals.Row row) {
            RowSums sums = rows.computeIfAbsent(Arrays.asList(row.teamId(), row.currency()), ignored -> new RowSums());
            sums.deals += row.deals();
            sums.amount = sums.amount.add(row.amount());
            sums.defaultAmount = sums.defaultAmount.add(row.defaultAmount());
            sums.weightedOverride = sums.weightedOverride.add(row.weightedOverride());
            if (row.scales() != null) {
                for (int scale = 0; scale < row.scales().size(); scale++) {
                    sums.countScale(scale, row.scales().get(scale));
                }
            } else if (row.currency() != null) {
                // Written before scales were counted: the sum's own scale stands for every deal in it.
                sums.countScale(Math.max(0, row.amount().scale()), row.deals());
            }
        }

        /** One deal's share put in ({@code sign} 1) or taken out (-1). */
        void add(String teamId, String currency, BigDecimal amount, Integer override, int sign) {
            List<String> key = Arrays.asList(teamId, amount == null ? null : currency);
            RowSums sums = rows.computeIfAbsent(key, ignored -> new RowSums());
            sums.deals += sign;
            if (amount == null) {
                return;
            }
            BigDecimal signed = sign < 0 ? amount.negate() : amount;
            sums.amount = sums.amount.add(signed);
            sums.countScale(Math.max(0, amount.scale()), sign);
            if (override == null) {
                sums.defaultAmount = sums.defaultAmount.add(signed);
            } else {
                sums.weightedOverride = sums.weightedOverride.add(DealSums.weighted(signed, override));
            }
        }

        /** The rows with deals in them, by team and then currency. */
        List<ColumnTotals.Row> rows() {
            List<ColumnTotals.Row> result = new ArrayList<>();
            rows.forEach((key, sums) -> {
                if (sums.deals == 0) {
                    return;
                }
                int scale = 0;
                for (int i = 0; i < sums.scales.size(); i++) {
                    if (sums.scales.get(i) != 0) {
                        scale = i;
                    }
                }
                List<Long> scales = new ArrayList<>(sums.scales.subList(0, key.get(1) == null ? 0 : scale + 1));
                BigDecimal amount = key.get(1) == null ? BigDecimal.ZERO : sums.amount;
                if (plain(amount).scale() <= scale) {
                    amount = amount.setScale(scale, RoundingMode.UNNECESSARY);
                }
                result.add(new ColumnTotals.Row(key.get(0), key.get(1), sums.deals, amount,
                        plain(sums.defaultAmount), plain(sums.weightedOverride), scales));
            });
            return result;
        }

        /**
         * Whether a row adds up: it has deals, as many amounts counted by scale as deals with an amount, none of them
         * fewer than none, and a sum at the largest of those scales.
         */
        static boolean consistent(ColumnTotals.Row row) {
            if (row.deals() < 0) {
                return false;
            }
            if (row.currency() == null || row.scales() == null) {
                return true;
            }
            long counted = 0;
            for (long count : row.scales()) {
                if (count < 0) {
                    return false;
                }
                counted += count;
            }
            return counted == row.deals() && row.amount().scale() == Math.max(0, row.scales().size() - 1);
        }

        private static BigDecimal plain(BigDecimal value) {
            BigDecimal stripped = value.stripTrailingZeros();
            return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
        }
    }
}
