package dev.salespipeline.query.history;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
 * recorded. The board reads the deals open then ({@link DealVersionsAsOf#openAt}), not the pipeline's history: of
 * each, only what counts it, adds it up and orders its column; the cards of the page are then read whole, by id.
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
        Map<String, DealVersionsAsOf.OpenDeal> then = versions.openAt(pipelineId, at);
        then.values().removeIf(deal -> ownerId != null && !ownerId.equals(deal.ownerId()));
        Set<String> listed = versions.readable(actor, then.keySet());
        List<DealVersionsAsOf.OpenDeal> open = then.values().stream()
                .filter(deal -> listed.contains(deal.dealId()))
                .toList();

        Map<String, List<DealVersionsAsOf.OpenDeal>> byStage = new LinkedHashMap<>();
        pipeline.stages().forEach(stage -> byStage.put(stage.stageId(), new ArrayList<>()));
        // Stages removed since (in the order they were removed), then any the pipeline never defined.
        List<String> removed = pipeline.removedStages().stream().map(PipelineView.Stage::stageId).toList();
        Map<String, List<DealVersionsAsOf.OpenDeal>> elsewhere = new TreeMap<>(Comparator
                .comparing((String id) -> removed.contains(id) ? removed.indexOf(id) : Integer.MAX_VALUE)
                .thenComparing(Comparator.naturalOrder()));
        for (DealVersionsAsOf.OpenDeal deal : open) {
            List<DealVersionsAsOf.OpenDeal> column = byStage.get(deal.stageId());
            if (column == null) {
                column = elsewhere.computeIfAbsent(deal.stageId(), id -> new ArrayList<>());
            }
            column.add(deal);
        }
        byStage.putAll(elsewhere);

        // Each column in its order, longest in the stage first (the id keeps the order stable from page to page);
        // the page's cards then read whole, in one go for all columns.
        Map<String, List<DealVersionsAsOf.OpenDeal>> pages = new LinkedHashMap<>();
        List<String> pageVersions = new ArrayList<>();
        byStage.forEach((stageId, deals) -> {
            deals.sort(Comparator.comparing(DealVersionsAsOf.OpenDeal::stageEnteredAt)
                    .thenComparing(DealVersionsAsOf.OpenDeal::dealId));
            int first = (int) Math.min((long) page * size, deals.size());
            List<DealVersionsAsOf.OpenDeal> shown = deals.subList(first, Math.min(first + size, deals.size()));
            pages.put(stageId, shown);
            shown.forEach(deal -> pageVersions.add(deal.versionId()));
        });
        Map<String, DealVersion> whole = new HashMap<>();
        versions.byIds(pageVersions).forEach(version -> whole.put(version.id(), version));

        List<BoardAsOf.Column> columns = new ArrayList<>();
        for (Map.Entry<String, List<DealVersionsAsOf.OpenDeal>> stage : byStage.entrySet()) {
            columns.add(column(pipeline, stage.getKey(), columns.size(), stage.getValue(), pages.get(stage.getKey()),
                    whole, at));
        }
        return Optional.of(new BoardAsOf(pipelineId, pipeline.name(), at, columns, page, size, open.size()));
    }

    private static BoardAsOf.Column column(PipelineView pipeline, String stageId, int position,
                                           List<DealVersionsAsOf.OpenDeal> deals,
                                           List<DealVersionsAsOf.OpenDeal> shown, Map<String, DealVersion> whole,
                                           Instant at) {
        Optional<PipelineView.Stage> stage = pipeline.stage(stageId);
        Integer stageProbability = stage.map(PipelineView.Stage::probability).orElse(null);
        List<BoardAsOf.Card> cards = new ArrayList<>(shown.size());
        for (DealVersionsAsOf.OpenDeal deal : shown) {
            DealVersion version = whole.get(deal.versionId());
            if (version != null) {
                cards.add(card(version, stageProbability, at));
            }
        }
        return new BoardAsOf.Column(stageId, stage.map(PipelineView.Stage::name).orElse(stageId), position,
                stageProbability, deals.size(), totals(deals, stageProbability), cards);
    }

    private static BoardAsOf.Card card(DealVersion deal, Integer stageProbability, Instant at) {
        Integer probability = deal.probabilityOverride() != null ? deal.probabilityOverride() : stageProbability;
        return new BoardAsOf.Card(deal.dealId(), deal.title(), deal.company(), deal.ownerId(), deal.amount(),
                probability, null, deal.stageEnteredAt(), Duration.between(deal.stageEnteredAt(), at).toDays(),
                null, deal.expectedCloseDate());
    }

    /** Per currency, in the order of currency codes. Deals without an amount add nothing. */
    private static List<BoardAsOf.Total> totals(List<DealVersionsAsOf.OpenDeal> deals, Integer stageProbability) {
        Map<String, BigDecimal[]> sums = new TreeMap<>();
        for (DealVersionsAsOf.OpenDeal deal : deals) {
            Money amount = deal.amount();
            if (amount == null) {
                continue;
            }
            BigDecimal[] sum = sums.computeIfAbsent(amount.currency(),
                    currency -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            sum[0] = sum[0].add(amount.amount());
            Integer probability = deal.probabilityOverride() != null ? deal.probabilityOverride() : stageProbability;
            int percent = probability == null ? 0 : probability;
            sum[1] = sum[1].add(amount.amount().multiply(BigDecimal.valueOf(percent)).movePointLeft(2));
        }
        List<BoardAsOf.Total> totals = new ArrayList<>();
        sums.forEach((currency, sum) -> totals.add(new BoardAsOf.Total(currency, sum[0],
                sum[1].setScale(Math.max(sum[0].scale(), 2), RoundingMode.HALF_EVEN))));
        return totals;
    }
}
