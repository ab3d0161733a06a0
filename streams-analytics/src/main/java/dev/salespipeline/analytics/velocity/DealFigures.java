package dev.salespipeline.analytics.velocity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.salespipeline.analytics.deal.DealState;
import dev.salespipeline.analytics.deal.DealStatus;
import dev.salespipeline.analytics.deal.StageInterval;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.PeriodType;

/**
 * What one deal counts for in the velocity family of one pipeline, as a pure function of its state (see
 * {@code docs/metrics.md}): the deal's part, before it is spread over owner, channel and period rows. Period labels
 * are worked out here, once, so that what a deal was counted as can be taken back exactly as it was put in.
 *
 * @param ownerId         the current owner
 * @param sourceChannel   the current source channel, {@value MetricKey#NO_SOURCE_CHANNEL} for none
 * @param stays           per pipeline and stage, the deal's completed time there; stages it never entered (skipped)
 *                        have none
 * @param open            the stage the deal is in while open; null once closed
 * @param closing         the deal's latest close while it is closed; null while open
 */
public record DealFigures(String ownerId, String sourceChannel, List<StageStay> stays,
                          OpenStay open, Closing closing) {

    /**
     * The sum of a deal's completed intervals in one stage of one pipeline.
     *
     * @param millis     the sum of the intervals, in milliseconds
     * @param lastLeftIn the periods, by type, of the end of the latest completed interval
     */
    public record StageStay(String pipelineId, String stageId, long millis, Map<PeriodType, String> lastLeftIn) {
    }

    /**
     * The open interval of an open deal.
     *
     * @param enteredAtSecond when the deal entered the stage, in epoch seconds
     * @param currency        the currency of the deal's amount, null while it has none
     */
    public record OpenStay(String pipelineId, String stageId, long enteredAtSecond, String currency) {
    }

    /**
     * The latest close of a closed deal.
     *
     * @param pipelineId  the pipeline the deal was closed in
     * @param cycleMillis from the deal's opening to the close
     * @param closedIn    the periods, by type, of the close
     * @param amount      the deal's amount when closed; null when it has none
     */
    public record Closing(String pipelineId, DealStatus outcome, long cycleMillis, Map<PeriodType, String> closedIn,
                          Money amount) {
    }

    public DealFigures {
        stays = stays == null ? List.of() : List.copyOf(stays);
    }

    /** The deal's figures in each pipeline it counts in: its stays there, and its open stage or close. */
    public static Map<String, DealFigures> parts(DealState deal, CompanyPeriods periods) {
        String channel = deal.sourceChannel() == null || deal.sourceChannel().isBlank()
                ? MetricKey.NO_SOURCE_CHANNEL : deal.sourceChannel();
        Map<String, List<StageStay>> stays = new LinkedHashMap<>();
        for (StageStay stay : stays(deal, periods)) {
            stays.computeIfAbsent(stay.pipelineId(), id -> new ArrayList<>()).add(stay);
        }
        OpenStay open = open(deal);
        Closing closing = closing(deal, periods);
        Set<String> pipelineIds = new LinkedHashSet<>(stays.keySet());
        if (open != null) {
            pipelineIds.add(open.pipelineId());
        }
        if (closing != null) {
            pipelineIds.add(closing.pipelineId());
        }
        Map<String, DealFigures> parts = new LinkedHashMap<>();
        for (String pipelineId : pipelineIds) {
            parts.put(pipelineId, new DealFigures(deal.ownerId(), channel, stays.getOrDefault(pipelineId, List.of()),
                    open != null && open.pipelineId().equals(pipelineId) ? open : null,
                    closing != null && closing.pipelineId().equals(pipelineId) ? closing : null));
        }
        return parts;
    }

    private static List<StageStay> stays(DealState deal, CompanyPeriods periods) {
        Map<List<String>, long[]> byStage = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));
        for (StageInterval interval : deal.stageIntervals()) {
            if (interval.leftAt() == null) {
                continue;
            }
            long[] sumAndLastLeft = byStage.computeIfAbsent(List.of(interval.pipelineId(), interval.stageId()),
                    k -> new long[] {0, Long.MIN_VALUE});
            sumAndLastLeft[0] += Math.max(0, Duration.between(interval.enteredAt(), interval.leftAt()).toMillis());
            sumAndLastLeft[1] = Math.max(sumAndLastLeft[1], interval.leftAt().toEpochMilli());
        }
        List<StageStay> stays = new ArrayList<>();
        byStage.forEach((stage, sumAndLastLeft) -> stays.add(new StageStay(stage.get(0), stage.get(1),
                sumAndLastLeft[0], labels(Instant.ofEpochMilli(sumAndLastLeft[1]), periods))));
        return stays;
    }

    private static OpenStay open(DealState deal) {
        if (deal.status() != DealStatus.OPEN) {
            return null;
        }
        String currency = deal.amount() == null ? null : deal.amount().currency();
        Instant enteredAt = deal.stageEnteredAt() != null ? deal.stageEnteredAt() : deal.openedAt();
        return new OpenStay(deal.pipelineId(), deal.stageId(), enteredAt.getEpochSecond(), currency);
    }

    private static Closing closing(DealState deal, CompanyPeriods periods) {
        if (deal.status() == DealStatus.OPEN || deal.closedAt() == null) {
            return null;
        }
        long cycle = Math.max(0, Duration.between(deal.openedAt(), deal.closedAt()).toMillis());
        return new Closing(deal.pipelineId(), deal.status(), cycle, labels(deal.closedAt(), periods), deal.amount());
    }

    private static Map<PeriodType, String> labels(Instant at, CompanyPeriods periods) {
        Map<PeriodType, String> labels = new EnumMap<>(PeriodType.class);
        for (PeriodType type : PeriodType.values()) {
            labels.put(type, periods.label(type, at));
        }
        return labels;
    }
}
