package dev.salespipeline.query.board;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.Fields;
import org.springframework.data.mongodb.core.aggregation.TypedAggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.salespipeline.query.access.Visibility;
import dev.salespipeline.query.board.projection.ColumnTotals;
import dev.salespipeline.query.deal.projection.DealCard;
import dev.salespipeline.query.pipeline.projection.PipelineView;
import dev.salespipeline.security.Actor;

/**
 * The live board of a pipeline. Which deals are on it follows the rule of {@code GET
 * /pipelines/{pipelineId}/deals} ({@link Visibility#deal}): admins and viewers see every open deal, a
 * manager their team's (and their own), a rep their own. Columns are always the whole pipeline; their
 * counts and totals are of the deals on the caller's board after the filters.
 *
 * <p>Every column's count and totals come from the totals kept per owner and stage ({@link ColumnTotals}); a board
 * with filters beyond the owner aggregates its deals instead. Then one indexed query per column reads the page of
 * cards, with only the fields a card shows. Stage names, order, probabilities and limits come from
 * the pipeline's document at read time; "stalled" and the days in stage are worked out against the clock
 * then too, and the {@code stalledOnly} filter turns into a condition on when the deals came into their
 * stage and were last worked on, stage by stage.
 */
@Component
public class BoardQuery {

    /** The orders a board's cards come in, by the name a request gives. */
    public static final Map<String, Sort> SORTS = sorts();

    private static final String[] CARD_FIELDS = {"title", "client.company", "ownerId", "amount", "amountValue",
            "stageId", "probabilityOverride", "nextAction", "stageEnteredAt", "lastActivityAt", "expectedCloseDate",
            "updatedAt", "version"};

    private final MongoTemplate mongo;
    private final Clock clock;

    BoardQuery(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    private static Map<String, Sort> sorts() {
        Map<String, Sort> sorts = new LinkedHashMap<>();
        sorts.put("amount", by(Sort.Direction.ASC, "amountValue"));
        sorts.put("-amount", by(Sort.Direction.DESC, "amountValue"));
        sorts.put("expectedCloseDate", by(Sort.Direction.ASC, "expectedCloseDate"));
        sorts.put("-expectedCloseDate", by(Sort.Direction.DESC, "expectedCloseDate"));
        // Fewest days in the stage first: entered it latest first.
        sorts.put("daysInStage", by(Sort.Direction.DESC, "stageEnteredAt"));
        sorts.put("-daysInStage", by(Sort.Direction.ASC, "stageEnteredAt"));
        sorts.put("title", by(Sort.Direction.ASC, "title"));
        sorts.put("updatedAt", by(Sort.Direction.ASC, "updatedAt"));
        sorts.put("-updatedAt", by(Sort.Direction.DESC, "updatedAt"));
        return Collections.unmodifiableMap(sorts);
    }

    /** The id breaks ties, in the same direction, so that pages do not overlap and an index serves both. */
    private static Sort by(Sort.Direction direction, String field) {
        return Sort.by(new Sort.Order(direction, field), new Sort.Order(direction, "_id"));
    }

    /**
     * The board, or empty when there is no such pipeline. The caller's rows are those of {@link
     * Visibility#dealFilter}.
     *
     * @throws IllegalArgumentException if {@code request.sort()} is not one of {@link #SORTS}
     */
    public Optional<Board> find(FindBoard request, Actor actor) {
        BoardCursor after = request.after();
        if (after != null && !after.sort().equals(request.sort())) {
            throw new IllegalArgumentException("the cursor is for sort " + after.sort() + ", not " + request.sort());
        }
        if (!SORTS.containsKey(request.sort())) {
            throw new IllegalArgumentException("Unknown sort " + request.sort());
        }
        PipelineView pipeline = mongo.findById(request.pipelineId(), PipelineView.class);
        if (pipeline == null) {
            return Optional.empty();
        }
        // Stored times have milliseconds; so has "now", so that the filter and the flag on a card agree.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String ownerId = request.ownerId();
        String sourceChannel = request.sourceChannel();
        BigDecimal minAmount = request.minAmount();
        BigDecimal maxAmount = request.maxAmount();
        LocalDate closeFrom = request.closeFrom();
        LocalDate closeTo = request.closeTo();
        String q = request.q();
        boolean stalledOnly = request.stalledOnly();
        int page = request.page();
        int size = request.size();

        List<Criteria> filters = new ArrayList<>();
        filters.add(where("pipelineId").is(request.pipelineId()));
        filters.add(where("status").is(DealCard.OPEN));
        Visibility.dealFilter(actor).ifPresent(filters::add);
        if (ownerId != null) {
            filters.add(where("ownerId").is(ownerId));
        }
        if (sourceChannel != null) {
            filters.add(where("sourceChannel").is(sourceChannel));
        }
        if (minAmount != null || maxAmount != null) {
            Criteria amount = where("amountValue");
            if (minAmount != null) {
                amount.gte(minAmount.doubleValue());
            }
            if (maxAmount != null) {
                amount.lte(maxAmount.doubleValue());
            }
            filters.add(amount);
        }
        if (closeFrom != null || closeTo != null) {
            Criteria close = where("expectedCloseDate");
            if (closeFrom != null) {
                close.gte(closeFrom);
            }
            if (closeTo != null) {
                close.lte(closeTo);
            }
            filters.add(close);
        }
        if (request.withoutNextAction()) {
            // Null or missing: no open task.
            filters.add(where("nextAction.taskId").is(null));
        }
        if (q != null && !q.isBlank()) {
            Pattern text = Pattern.compile(Pattern.quote(q.strip()), Pattern.CASE_INSENSITIVE);
            filters.add(new Criteria().orOperator(where("title").regex(text), where("client.company").regex(text),
                    where("client.contactPerson").regex(text)));
        }

        Map<String, ColumnSummary> summaries;
        if (sourceChannel == null && minAmount == null && maxAmount == null && closeFrom == null && closeTo == null
                && !request.withoutNextAction() && (q == null || q.isBlank()) && !stalledOnly) {
            summaries = fromTotals(pipeline, ownerId, actor);
        } else {
            List<Criteria> summaryFilters = new ArrayList<>(filters);
            if (stalledOnly) {
                summaryFilters.add(stalledInAnyStage(pipeline, now));
            }
            summaries = summarize(summaryFilters, pipeline);
        }

        List<Board.Column> columns = new ArrayList<>();
        for (int position = 0; position < pipeline.stages().size(); position++) {
            PipelineView.Stage stage = pipeline.stages().get(position);
            columns.add(column(stage.stageId(), stage, position, summaries.get(stage.stageId()), filters,
                    stalledOnly, pipeline, now, request, after));
        }
        // Deals in a stage no longer in the pipeline: columns at the end.
        List<String> elsewhere = StageOrder.notInPipeline(pipeline, summaries.keySet());
        for (String stageId : elsewhere) {
            columns.add(column(stageId, pipeline.stage(stageId).orElse(null), null, summaries.get(stageId), filters,
                    stalledOnly, pipeline, now, request, after));
        }
        long total = columns.stream().mapToLong(Board.Column::dealCount).sum();
        return Optional.of(new Board(pipeline.pipelineId(), pipeline.name(), null, columns, page, size, total));
    }

    /** Stalled deals in any stage: over the stages that have a time limit, and the pipeline's idle limit. */
    private static Criteria stalledInAnyStage(PipelineView pipeline, Instant now) {
        List<Criteria> either = new ArrayList<>();
        List<PipelineView.Stage> stages = new ArrayList<>(pipeline.stages());
        stages.addAll(pipeline.removedStages());
        for (PipelineView.Stage stage : stages) {
            if (stage.timeLimitSeconds() != null) {
                either.add(where("stageId").is(stage.stageId())
                        .and("stageEnteredAt").lt(now.minusSeconds(stage.timeLimitSeconds())));
            }
        }
        StalledRule.idle(now, pipeline.idleLimitSeconds()).ifPresent(either::add);
        if (either.isEmpty()) {
            // No limits at all: nothing is stalled.
            return where("_id").in(List.of());
        }
        return new Criteria().orOperator(either);
    }

    private Board.Column column(String stageId, PipelineView.Stage stage, Integer position, ColumnSummary summary,
                                List<Criteria> filters, boolean stalledOnly, PipelineView pipeline, Instant now,
                                FindBoard request, BoardCursor after) {
        String name = stage == null ? stageId : stage.name();
        Integer probability = stage == null ? null : stage.probability();
        if (summary == null) {
            return new Board.Column(stageId, name, position, probability, 0, List.of(), List.of(), null);
        }
        if (after != null && !after.stageId().equals(stageId)) {
            // Reading on in another column: this one's figures, no cards.
            return new Board.Column(stageId, name, position, probability, summary.count(), summary.totals(), List.of(),
                    null);
        }
        Long stageLimit = stage == null ? null : stage.timeLimitSeconds();
        List<Criteria> columnFilters = new ArrayList<>(filters);
        columnFilters.add(where("stageId").is(stageId));
        if (stalledOnly) {
            Optional<Criteria> stalled = StalledRule.stalled(now, stageLimit, pipeline.idleLimitSeconds());
            if (stalled.isEmpty()) {
                return new Board.Column(stageId, name, position, probability, 0, List.of(), List.of(), null);
            }
            columnFilters.add(stalled.get());
        }
        int size = request.size();
        if (after != null) {
            columnFilters.add(after.criteria());
        }
        Query query = Query.query(DealSums.allOf(columnFilters)).with(SORTS.get(request.sort())).limit(size);
        if (after == null) {
            query.skip((long) request.page() * size);
        }
        query.fields().include(CARD_FIELDS);
        List<DealCard> found = mongo.find(query, DealCard.class);
        List<Board.Card> cards = found.stream().map(card -> card(card, stage, pipeline, now)).toList();
        boolean lastPage = found.size() < size
                || (after == null && (long) request.page() * size + found.size() >= summary.count());
        String next = lastPage ? null : BoardCursor.after(stageId, request.sort(), found.get(found.size() - 1)).token();
        return new Board.Column(stageId, name, position, probability, summary.count(), summary.totals(), cards, next);
    }

    private static Board.Card card(DealCard card, PipelineView.Stage stage, PipelineView pipeline, Instant now) {
        int probability = card.probabilityOverride() != null ? card.probabilityOverride()
                : stage == null ? 0 : stage.probability();
        DealCard.OpenTask next = card.nextAction();
        return new Board.Card(card.dealId(), card.title(), card.client() == null ? null : card.client().company(),
                card.ownerId(), card.amount(), probability,
                next == null ? null : new Board.NextAction(next.taskId(), next.title(), next.dueAt()),
                card.stageEnteredAt(), StalledRule.daysInStage(now, card.stageEnteredAt()),
                StalledRule.isStalled(now, card.stageEnteredAt(), card.lastActivityAt(),
                        stage == null ? null : stage.timeLimitSeconds(), pipeline.idleLimitSeconds()),
                card.expectedCloseDate(), card.version());
    }

    /**
     * Every column's count and totals in one aggregation: deals grouped by stage, currency and own
     * probability, so that each group has one probability to weight its sum by.
     */
    private Map<String, ColumnSummary> summarize(List<Criteria> filters, PipelineView pipeline) {
        TypedAggregation<DealCard> aggregation = Aggregation.newAggregation(DealCard.class,
                Aggregation.match(DealSums.allOf(filters)),
                Aggregation.group(Fields.from(Fields.field("stageId"), Fields.field("currency", "amount.currency"),
                                Fields.field("override", "probabilityOverride")))
                        .count().as("count")
                        .sum("amount.amount").as("sum"));
        Map<String, ColumnSummary> summaries = new HashMap<>();
        for (Document row : mongo.aggregate(aggregation, Document.class).getMappedResults()) {
            Document group = row.get("_id", Document.class);
            String stageId = group.getString("stageId");
            String currency = group.getString("currency");
            Number override = (Number) group.get("override");
            int probability = override != null ? override.intValue()
                    : pipeline.stage(stageId).map(PipelineView.Stage::probability).orElse(0);
            summaries.computeIfAbsent(stageId, id -> new ColumnSummary())
                    .add(((Number) row.get("count")).longValue(), currency, DealSums.decimal(row.get("sum")),
                            probability);
        }
        return summaries;
    }

    /**
     * Every column's count and totals from the totals kept per owner and stage ({@link ColumnTotals}): the rows of the
     * owners and teams the caller may see, weighted by the stages' probabilities as the pipeline has them now.
     */
    private Map<String, ColumnSummary> fromTotals(PipelineView pipeline, String ownerId, Actor actor) {
        Criteria criteria = where("pipelineId").is(pipeline.pipelineId());
        if (ownerId != null) {
            criteria = criteria.and("ownerId").is(ownerId);
        }
        Map<String, ColumnSummary> summaries = new HashMap<>();
        for (ColumnTotals totals : mongo.find(Query.query(criteria), ColumnTotals.class)) {
            int probability = pipeline.stage(totals.stageId()).map(PipelineView.Stage::probability).orElse(0);
            for (ColumnTotals.Row row : totals.rows()) {
                if (row.deals() == 0 || !Visibility.deal(actor, totals.ownerId(), row.teamId())) {
                    continue;
                }
                summaries.computeIfAbsent(totals.stageId(), id -> new ColumnSummary()).add(row.deals(),
                        row.currency(), row.amount(),
                        DealSums.weighted(row.defaultAmount(), probability).add(row.weightedOverride()));
            }
        }
        return summaries;
    }

    /** A column's deals over all pages: how many, and their amounts and weighted amounts per currency. */
    private static final class ColumnSummary {

        private long count;
        private final Map<String, BigDecimal[]> byCurrency = new TreeMap<>();

        void add(long deals, String currency, BigDecimal sum, int probability) {
            add(deals, currency, sum, currency == null ? null : DealSums.weighted(sum, probability));
        }

        void add(long deals, String currency, BigDecimal sum, BigDecimal weighted) {
            count += deals;
            if (currency == null) {
                // Deals without an amount count, but add nothing to the totals.
                return;
            }
            BigDecimal[] sums = byCurrency.computeIfAbsent(currency, c -> new BigDecimal[] {BigDecimal.ZERO,
                    BigDecimal.ZERO});
            sums[0] = sums[0].add(sum);
            sums[1] = sums[1].add(weighted);
        }

        long count() {
            return count;
        }

        List<Board.Total> totals() {
            return byCurrency.entrySet().stream()
                    .map(entry -> {
                        BigDecimal amount = entry.getValue()[0];
                        return new Board.Total(entry.getKey(), DealSums.rounded(amount, amount.scale()),
                                DealSums.rounded(entry.getValue()[1], amount.scale()));
                    })
                    .toList();
        }
    }
}
