package dev.salespipeline.query.history;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.deal.Money;
import dev.salespipeline.query.history.projection.DealVersion;
import dev.salespipeline.query.pipeline.projection.PipelineView;
import dev.salespipeline.security.Actor;

/**
 * The board of a pipeline as it stood at a past instant: the deals open in it then, each in the stage it
 * was in then, with its title, owner, amount, probability and close date of then. Stages are shown as the
 * pipeline defines them now (names, order, default probabilities); stages removed since that held deals
 * then come last. Which deals the caller sees follows who the deals belong to now, as in the live lists.
 * Business time decides: a deal stands as its events that happened by the instant made it, whenever they were
 * recorded. The board reads the deals open then ({@link DealVersionsAsOf#openAt}), not the pipeline's history.
 */
@Component
public class BoardAsOfQuery {

    private final MongoTemplate mongo;
    private final DealVersionsAsOf versions;

    BoardAsOfQuery(MongoTemplate mongo, DealVersionsAsOf versions) {
        this.mongo = mongo;
        this.versions = versions;
    }

    /** One page of each column, or empty when there is no such pipeline. */
    public Optional<BoardAsOf> find(FindBoardAsOf request, Actor actor) {
        String pipelineId = request.pipelineId();
        String ownerId = request.ownerId();
        Instant at = request.at();
        int page = request.page();
        int size = request.size();
        PipelineView pipeline = mongo.findById(pipelineId, PipelineView.class);
        if (pipeline == null) {
            return Optional.empty();
        }
        Map<String, DealVersion> then = versions.openAt(pipelineId, at);
        then.values().removeIf(deal -> ownerId != null && !ownerId.equals(deal.ownerId()));
        Set<String> listed = versions.readable(actor, then.keySet());
        List<DealVersion> open = then.values().stream()
                .filter(deal -> listed.contains(deal.dealId()))
                .toList();

        Map<String, List<DealVersion>> byStage = new LinkedHashMap<>();
        pipeline.stages().forEach(stage -> byStage.put(stage.stageId(), new ArrayList<>()));
        // Stages removed since (in the order they were removed), then any the pipeline never defined.
        List<String> removed = pipeline.removedStages().stream().map(PipelineView.Stage::stageId).toList();
        Map<String, List<DealVersion>> elsewhere = new TreeMap<>(Comparator
                .comparing((String id) -> removed.contains(id) ? removed.indexOf(id) : Integer.MAX_VALUE)
                .thenComparing(Comparator.naturalOrder()));
        for (DealVersion deal : open) {
            List<DealVersion> column = byStage.get(deal.stageId());
            if (column == null) {
                column = elsewhere.computeIfAbsent(deal.stageId(), id -> new ArrayList<>());
            }
            column.add(deal);
        }
        byStage.putAll(elsewhere);

        List<BoardAsOf.Column> columns = new ArrayList<>();
        for (Map.Entry<String, List<DealVersion>> stage : byStage.entrySet()) {
            columns.add(column(pipeline, stage.getKey(), columns.size(), stage.getValue(), at, page, size));
        }
        return Optional.of(new BoardAsOf(pipelineId, pipeline.name(), at, columns, page, size, open.size()));
    }

    private static BoardAsOf.Column column(PipelineView pipeline, String stageId, int position,
                                           List<DealVersion> deals, Instant at, int page, int size) {
        Optional<PipelineView.Stage> stage = pipeline.stage(stageId);
        Integer stageProbability = stage.map(PipelineView.Stage::probability).orElse(null);
        List<BoardAsOf.Card> cards = deals.stream()
                // Longest in the stage first; the id keeps the order stable from page to page.
                .sorted(Comparator.comparing(DealVersion::stageEnteredAt).thenComparing(DealVersion::dealId))
                .map(deal -> card(deal, stageProbability, at))
                .toList();
        int first = (int) Math.min((long) page * size, cards.size());
        return new BoardAsOf.Column(stageId, stage.map(PipelineView.Stage::name).orElse(stageId), position,
                stageProbability, deals.size(), totals(cards),
                cards.subList(first, Math.min(first + size, cards.size())));
    }

    private static BoardAsOf.Card card(DealVersion deal, Integer stageProbability, Instant at) {
        Integer probability = deal.probabilityOverride() != null ? deal.probabilityOverride() : stageProbability;
        return new BoardAsOf.Card(deal.dealId(), deal.title(), deal.company(), deal.ownerId(), deal.amount(),
                probability, null, deal.stageEnteredAt(), Duration.between(deal.stageEnteredAt(), at).toDays(),
                null, deal.expectedCloseDate());
    }

    /** Per currency, in the order of currency codes. Deals without an amount add nothing. */
    private static List<BoardAsOf.Total> totals(List<BoardAsOf.Card> cards) {
        Map<String, BigDecimal[]> sums = new TreeMap<>();
        for (BoardAsOf.Card card : cards) {
            Money amount = card.amount();
            if (amount == null) {
                continue;
            }
            BigDecimal[] sum = sums.computeIfAbsent(amount.currency(),
                    currency -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            sum[0] = sum[0].add(amount.amount());
            int probability = card.probability() == null ? 0 : card.probability();
            sum[1] = sum[1].add(amount.amount().multiply(BigDecimal.valueOf(probability)).movePointLeft(2));
        }
        List<BoardAsOf.Total> totals = new ArrayList<>();
        sums.forEach((currency, sum) -> totals.add(new BoardAsOf.Total(currency, sum[0],
                sum[1].setScale(Math.max(sum[0].scale(), 2), RoundingMode.HALF_EVEN))));
        return totals;
    }
}
