package dev.salespipeline.query.board.projection;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.bson.Document;
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

import dev.salespipeline.api.deal.DealAmountChanged;
import dev.salespipeline.api.deal.DealEvent;
import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.deal.DealLost;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealReopened;
import dev.salespipeline.api.deal.DealTransferred;
import dev.salespipeline.api.deal.DealWon;
import dev.salespipeline.api.deal.ProbabilityOverridden;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.query.board.DealSums;
import dev.salespipeline.query.deal.projection.DealCard;
import dev.salespipeline.query.events.Documents;
import dev.salespipeline.query.events.Projection;
import dev.salespipeline.query.events.ProjectionBatch;

/**
 * Keeps {@link ColumnTotals}: after a batch's cards are written, the totals of every owner and stage that a deal of the
 * batch was in, before, during or after the batch, are worked out again from the stored cards. They are derived from
 * the cards alone, so a batch delivered again, or one that stopped between its writes and its offsets, leaves them as
 * they should be: which cells a deal passed through follows from its card after the batch and the events of the batch,
 * walked back (a move names the stage it left, a transfer the pipeline, a hand-over the previous owner), the same
 * the second time as the first.
 *
 * <p>Working out again reads the open cards of the cells concerned: one query per owner and pipeline, through the
 * cards' index on pipeline, status, owner and stage. Two consumers working out the same cell at once cannot leave it
 * stale: each replaces only the revision it read before reading the cards, so the one that read older cards finds a
 * newer revision and works the cell out again. A rebuild works every cell out once, from the rebuilt cards, before the
 * swap, while the live consumers are stopped.
 */
@Component
class ColumnTotalsProjection implements Projection {

    /** MongoDB's duplicate-key error: the upsert of a revision another writer replaced meanwhile. */
    private static final int DUPLICATE_KEY = 11000;
    /** Rounds of working out cells that other writers changed meanwhile, before the batch is tried again. */
    private static final int ROUNDS = 10;
    private static final String[] CARD_FIELDS = {"pipelineId", "stageId", "ownerId", "teamId", "amount",
            "probabilityOverride"};

    /** Under this key a batch keeps, per deal, its events that {@link #countsIn count}. */
    private static final Object FACTS = new Object();

    private record Cell(String pipelineId, String stageId, String ownerId) {

        String id() {
            return ColumnTotals.id(pipelineId, stageId, ownerId);
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

    @Override
    public void apply(EventEnvelope<?> envelope, ProjectionBatch batch) {
        if (envelope.payload() instanceof DealEvent event && countsIn(event)) {
            Map<String, List<DealEvent>> facts = batch.state(FACTS, LinkedHashMap::new);
            facts.computeIfAbsent(event.dealId(), id -> new ArrayList<>()).add(event);
        }
    }

    /** Whether the event can move a deal between cells, open or close it, or change what it adds up to. */
    private static boolean countsIn(DealEvent event) {
        return event instanceof DealOpened || event instanceof DealMovedToStage || event instanceof DealTransferred
                || event instanceof DealHandedOver || event instanceof DealWon || event instanceof DealLost
                || event instanceof DealReopened || event instanceof DealAmountChanged
                || event instanceof ProbabilityOverridden;
    }

    @Override
    public void written(ProjectionBatch batch) {
        if (batch.rebuild()) {
            return;
        }
        Map<String, List<DealEvent>> facts = batch.state(FACTS, LinkedHashMap::new);
        if (facts.isEmpty()) {
            return;
        }
        Documents<DealCard> cards = DealCard.in(batch);
        Set<Cell> cells = new LinkedHashSet<>();
        facts.forEach((dealId, events) -> {
            DealCard card = cards.get(dealId);
            if (card != null) {
                passedThrough(card, events, cells);
            }
        });
        workOut(batch, cells);
    }

    /** The cells a deal was in through the batch: from its card after the batch, back through the batch's events. */
    private static void passedThrough(DealCard card, List<DealEvent> events, Set<Cell> cells) {
        String pipeline = card.pipelineId();
        String stage = card.stageId();
        String owner = card.ownerId();
        cells.add(new Cell(pipeline, stage, owner));
        for (int i = events.size() - 1; i >= 0; i--) {
            DealEvent event = events.get(i);
            if (event instanceof DealOpened) {
                break;
            } else if (event instanceof DealMovedToStage moved) {
                pipeline = moved.pipelineId();
                stage = moved.fromStageId();
            } else if (event instanceof DealTransferred transferred) {
                pipeline = transferred.fromPipelineId();
                stage = transferred.fromStageId();
            } else if (event instanceof DealHandedOver handedOver) {
                owner = handedOver.previousOwnerId();
            } else if (event instanceof DealWon won) {
                pipeline = won.pipelineId();
                stage = won.stageId();
            } else if (event instanceof DealLost lost) {
                pipeline = lost.pipelineId();
                stage = lost.stageId();
            } else if (event instanceof DealReopened reopened) {
                pipeline = reopened.pipelineId();
                stage = reopened.stageId();
            }
            cells.add(new Cell(pipeline, stage, owner));
        }
    }

    private static void workOut(ProjectionBatch batch, Set<Cell> cells) {
        MongoTemplate mongo = batch.mongo();
        String collection = batch.collection(ColumnTotals.class);
        List<Cell> pending = new ArrayList<>(cells);
        for (int round = 1; !pending.isEmpty(); round++) {
            Map<String, Long> revisions = revisions(mongo, collection, pending);
            Map<Cell, List<ColumnTotals.Row>> rows = rows(batch, pending);
            BulkOperations bulk = mongo.bulkOps(BulkMode.UNORDERED, ColumnTotals.class, collection);
            for (Cell cell : pending) {
                Long revision = revisions.get(cell.id());
                Criteria filter = where("_id").is(cell.id());
                filter = revision == null ? filter.and("revision").exists(false) : filter.and("revision").is(revision);
                long next = revision == null ? 1 : revision + 1;
                bulk.replaceOne(Query.query(filter), new ColumnTotals(cell.id(), cell.pipelineId(), cell.stageId(),
                        cell.ownerId(), rows.getOrDefault(cell, List.of()), next), FindAndReplaceOptions.options()
                        .upsert());
            }
            try {
                bulk.execute();
                pending = List.of();
            } catch (BulkOperationException e) {
                List<Cell> again = new ArrayList<>();
                for (BulkWriteError error : e.getErrors()) {
                    if (error.getCode() != DUPLICATE_KEY || round == ROUNDS) {
                        // A duplicate key is a race that passes: the listener tries the batch again.
                        throw e;
                    }
                    again.add(pending.get(error.getIndex()));
                }
                pending = again;
            }
        }
    }

    private static Map<String, Long> revisions(MongoTemplate mongo, String collection, List<Cell> cells) {
        Query query = Query.query(where("_id").in(cells.stream().map(Cell::id).toList()));
        query.fields().include("revision");
        Map<String, Long> revisions = new LinkedHashMap<>();
        for (Document stored : mongo.find(query, Document.class, collection)) {
            revisions.put(stored.getString("_id"), ((Number) stored.get("revision")).longValue());
        }
        return revisions;
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
                override == null ? null : override.intValue());
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
        // cell the live totals have and the rebuilt cards leave empty is kept, empty, as live it would be.
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
                    stored == null ? 1 : stored.revision()));
        });
    }

    /** One cell's deals added up, by team and currency. */
    private static final class Sums {

        private static final Comparator<List<String>> KEYS = Comparator
                .comparing((List<String> key) -> key.get(0), Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(key -> key.get(1), Comparator.nullsFirst(Comparator.naturalOrder()));

        private final Map<List<String>, BigDecimal[]> sums = new TreeMap<>(KEYS);
        private final Map<List<String>, long[]> deals = new TreeMap<>(KEYS);

        void add(String teamId, String currency, BigDecimal amount, Integer override) {
            List<String> key = Arrays.asList(teamId, amount == null ? null : currency);
            deals.computeIfAbsent(key, ignored -> new long[1])[0]++;
            BigDecimal[] row = sums.computeIfAbsent(key,
                    ignored -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            if (amount == null) {
                return;
            }
            row[0] = row[0].add(amount);
            if (override == null) {
                row[1] = row[1].add(amount);
            } else {
                row[2] = row[2].add(DealSums.weighted(amount, override));
            }
        }

        List<ColumnTotals.Row> rows() {
            List<ColumnTotals.Row> rows = new ArrayList<>();
            sums.forEach((key, row) -> rows.add(new ColumnTotals.Row(key.get(0), key.get(1), deals.get(key)[0],
                    row[0], row[1], row[2])));
            return rows;
        }
    }
}
