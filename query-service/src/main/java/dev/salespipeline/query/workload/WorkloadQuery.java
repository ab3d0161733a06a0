package dev.salespipeline.query.workload;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.Fields;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

import dev.salespipeline.query.access.Visibility;
import dev.salespipeline.query.board.DealSums;
import dev.salespipeline.query.board.StageOrder;
import dev.salespipeline.query.deal.projection.DealCard;
import dev.salespipeline.query.pipeline.projection.PipelineView;
import dev.salespipeline.security.Actor;

/**
 * Manager workload: each owner's open deals by stage, their open, weighted and average amounts, the
 * average won deal, and the stage where most of their open deals sit. Two aggregations over the deal
 * cards (open deals by owner, stage, currency and own probability; won deals by owner and currency);
 * stage names, order and default probabilities come from the pipeline at read time.
 *
 * <p>Which deals count follows {@link Visibility#deal}: admins and viewers every owner's, a manager their
 * team's (and their own), a rep their own.
 */
@Component
public class WorkloadQuery {

    private final MongoTemplate mongo;

    WorkloadQuery(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The pipeline, or empty when there is none. */
    public Optional<PipelineView> pipeline(String pipelineId) {
        return Optional.ofNullable(mongo.findById(pipelineId, PipelineView.class));
    }

    /**
     * The workload of {@code pipeline} over the deals {@code actor} may see ({@link Visibility#dealFilter}),
     * of one team when {@code teamId} is not null.
     */
    public Workload workload(PipelineView pipeline, String teamId, Actor actor) {
        List<Criteria> filters = new ArrayList<>();
        filters.add(where("pipelineId").is(pipeline.pipelineId()));
        Visibility.dealFilter(actor).ifPresent(filters::add);
        if (teamId != null) {
            filters.add(where("teamId").is(teamId));
        }

        Map<String, OwnerLoad> owners = new TreeMap<>();
        List<Criteria> open = new ArrayList<>(filters);
        open.add(where("status").is(DealCard.OPEN));
        for (Document row : group(open, Fields.from(Fields.field("ownerId"), Fields.field("stageId"),
                Fields.field("currency", "amount.currency"), Fields.field("override", "probabilityOverride")))) {
            Document key = row.get("_id", Document.class);
            String stageId = key.getString("stageId");
            Number override = (Number) key.get("override");
            int probability = override != null ? override.intValue()
                    : pipeline.stage(stageId).map(PipelineView.Stage::probability).orElse(0);
            owners.computeIfAbsent(key.getString("ownerId"), id -> new OwnerLoad())
                    .addOpen(stageId, key.getString("currency"), ((Number) row.get("count")).longValue(),
                            DealSums.decimal(row.get("sum")), probability);
        }
        List<Criteria> won = new ArrayList<>(filters);
        won.add(where("status").is(DealCard.WON));
        for (Document row : group(won, Fields.from(Fields.field("ownerId"),
                Fields.field("currency", "amount.currency")))) {
            Document key = row.get("_id", Document.class);
            owners.computeIfAbsent(key.getString("ownerId"), id -> new OwnerLoad())
                    .addWon(key.getString("currency"), ((Number) row.get("count")).longValue(),
                            DealSums.decimal(row.get("sum")));
        }
        List<Workload.Owner> result = owners.entrySet().stream()
                .map(entry -> entry.getValue().toOwner(entry.getKey(), pipeline))
                .toList();
        return new Workload(pipeline.pipelineId(), pipeline.name(), teamId, result);
    }

    private List<Document> group(List<Criteria> filters, Fields by) {
        return mongo.aggregate(Aggregation.newAggregation(DealCard.class,
                        Aggregation.match(DealSums.allOf(filters)),
                        Aggregation.group(by).count().as("count").sum("amount.amount").as("sum")),
                Document.class).getMappedResults();
    }

    /** One owner's deals as the aggregations give them, summed up. */
    private static final class OwnerLoad {

        private long openDeals;
        private long wonDeals;
        private final Map<String, Long> countByStage = new LinkedHashMap<>();
        private final Map<String, Map<String, BigDecimal>> amountByStage = new LinkedHashMap<>();
        private final Map<String, CurrencyLoad> byCurrency = new TreeMap<>();

        void addOpen(String stageId, String currency, long count, BigDecimal sum, int probability) {
            openDeals += count;
            countByStage.merge(stageId, count, Long::sum);
            if (currency == null) {
                return;
            }
            amountByStage.computeIfAbsent(stageId, s -> new TreeMap<>()).merge(currency, sum, BigDecimal::add);
            CurrencyLoad load = byCurrency.computeIfAbsent(currency, c -> new CurrencyLoad());
            load.open = load.open.add(sum);
            load.weighted = load.weighted.add(DealSums.weighted(sum, probability));
            load.openDeals += count;
        }

        void addWon(String currency, long count, BigDecimal sum) {
            wonDeals += count;
            if (currency == null) {
                return;
            }
            CurrencyLoad load = byCurrency.computeIfAbsent(currency, c -> new CurrencyLoad());
            load.won = load.won.add(sum);
            load.wonDeals += count;
        }

        Workload.Owner toOwner(String ownerId, PipelineView pipeline) {
            List<Workload.StageLoad> stages = new ArrayList<>();
            for (int position = 0; position < pipeline.stages().size(); position++) {
                PipelineView.Stage stage = pipeline.stages().get(position);
                stages.add(stageLoad(stage.stageId(), stage.name(), position));
            }
            StageOrder.notInPipeline(pipeline, countByStage.keySet())
                    .forEach(stageId -> stages.add(stageLoad(stageId,
                            pipeline.stage(stageId).map(PipelineView.Stage::name).orElse(stageId), null)));
            Workload.StageLoad bottleneck = null;
            for (Workload.StageLoad stage : stages) {
                // Strictly more: on a tie the earlier stage stays.
                if (stage.count() > 0 && (bottleneck == null || stage.count() > bottleneck.count())) {
                    bottleneck = stage;
                }
            }
            List<Workload.Amounts> amounts = byCurrency.entrySet().stream()
                    .map(entry -> entry.getValue().toAmounts(entry.getKey()))
                    .toList();
            return new Workload.Owner(ownerId, openDeals, wonDeals, stages, amounts, bottleneck);
        }

        private Workload.StageLoad stageLoad(String stageId, String name, Integer position) {
            List<Workload.Sum> sums = amountByStage.getOrDefault(stageId, Map.of()).entrySet().stream()
                    .map(entry -> new Workload.Sum(entry.getKey(),
                            DealSums.rounded(entry.getValue(), entry.getValue().scale())))
                    .toList();
            return new Workload.StageLoad(stageId, name, position, countByStage.getOrDefault(stageId, 0L), sums);
        }
    }

    /** One owner's figures in one currency. */
    private static final class CurrencyLoad {

        private BigDecimal open = BigDecimal.ZERO;
        private BigDecimal weighted = BigDecimal.ZERO;
        private BigDecimal won = BigDecimal.ZERO;
        private long openDeals;
        private long wonDeals;

        Workload.Amounts toAmounts(String currency) {
            int scale = Math.max(Math.max(open.scale(), won.scale()), 2);
            return new Workload.Amounts(currency, open.setScale(scale, RoundingMode.HALF_EVEN),
                    DealSums.rounded(weighted, scale), average(open, openDeals, scale), average(won, wonDeals, scale));
        }

        private static BigDecimal average(BigDecimal sum, long deals, int scale) {
            return deals == 0 ? null : sum.divide(BigDecimal.valueOf(deals), scale, RoundingMode.HALF_EVEN);
        }
    }
}
