package dev.salespipeline.analytics.conversion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.salespipeline.analytics.deal.DealState;
import dev.salespipeline.analytics.deal.DealStatus;
import dev.salespipeline.analytics.deal.FinestCells;
import dev.salespipeline.analytics.deal.StageInterval;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.PeriodType;

/**
 * The conversion family's definition of what a deal counts for, as a pure function of its state
 * (see {@code docs/metrics.md}).
 *
 * <ul>
 * <li>Per pipeline the deal has been in, it belongs to the cohort of the period it first entered that
 * pipeline (opened there, or transferred in), with the stages it entered there and how its journey there
 * stands now.</li>
 * <li>A deal closed (won or lost) counts towards the win rate of its current pipeline in the period of its
 * latest close, unless it has been reopened since.</li>
 * <li>Every contribution is made under the deal's current owner and source channel, and under "all" of each,
 * for every period type.</li>
 * </ul>
 *
 * <p>Nothing here depends on the pipeline's definition: stage order is applied when a metric is read out,
 * so a reordered pipeline needs no deal to be counted again.
 */
public final class ConversionContributions {

    private ConversionContributions() {
    }

    /** Every contribution of the deal: the cells of each of its parts. */
    public static List<ConversionContribution> of(DealState deal, CompanyPeriods periods) {
        List<ConversionContribution> contributions = new ArrayList<>();
        parts(deal).forEach((pipelineId, part) -> contributions.addAll(cells(pipelineId, part, periods)));
        return contributions;
    }

    /**
     * The deal's part in each pipeline it has been in, in the order it entered them: its journey there and, in
     * the pipeline it is in now, its close.
     */
    public static Map<String, ConversionPart> parts(DealState deal) {
        String channel = deal.sourceChannel() == null || deal.sourceChannel().isBlank()
                ? MetricKey.NO_SOURCE_CHANNEL : deal.sourceChannel();
        boolean closed = deal.status() != DealStatus.OPEN && deal.closedAt() != null;
        Map<String, ConversionPart> parts = new LinkedHashMap<>();
        for (Map.Entry<String, Journey> entry : journeys(deal).entrySet()) {
            String pipelineId = entry.getKey();
            Journey journey = entry.getValue();
            boolean current = pipelineId.equals(deal.pipelineId());
            parts.put(pipelineId, new ConversionPart(deal.ownerId(), channel, journey.startedAt,
                    List.copyOf(journey.stageIds), current ? outcome(deal.status()) : JourneyOutcome.TRANSFERRED_OUT,
                    current && closed ? deal.closedAt() : null));
        }
        if (closed && !parts.containsKey(deal.pipelineId())) {
            parts.put(deal.pipelineId(), new ConversionPart(deal.ownerId(), channel, null, List.of(),
                    outcome(deal.status()), deal.closedAt()));
        }
        return parts;
    }

    /**
     * What a part adds to each row of the pipeline: to the cohort of the period it started in and, if closed, to
     * the win rate of the period it was closed in, under its owner and all, its channel and all, for every period
     * type.
     */
    public static List<ConversionContribution> cells(String pipelineId, ConversionPart part, CompanyPeriods periods) {
        if (part == null) {
            return List.of();
        }
        List<ConversionContribution> cells = new ArrayList<>();
        if (part.startedAt() != null) {
            for (MetricKey key : keys(part, pipelineId, part.startedAt(), periods)) {
                cells.add(new ConversionContribution(ConversionContribution.Kind.COHORT, key, part.enteredStageIds(),
                        part.outcome()));
            }
        }
        if (part.closedAt() != null) {
            for (MetricKey key : keys(part, pipelineId, part.closedAt(), periods)) {
                cells.add(new ConversionContribution(ConversionContribution.Kind.CLOSED, key, List.of(),
                        part.outcome()));
            }
        }
        return cells;
    }

    /**
     * What a part adds to the finest cells of the pipeline, the ones every row is rolled up from: the cohort and
     * the close (if any) of the part's day, under its own owner and channel (period type {@link PeriodType#DAY}).
     */
    public static List<ConversionContribution> finest(String pipelineId, ConversionPart part,
                                                      CompanyPeriods periods) {
        return cells(pipelineId, part, periods).stream()
                .filter(cell -> FinestCells.isCellOf(cell.key(), part.ownerId(), part.sourceChannel()))
                .toList();
    }

    private static JourneyOutcome outcome(DealStatus status) {
        return switch (status) {
            case OPEN -> JourneyOutcome.OPEN;
            case WON -> JourneyOutcome.WON;
            case LOST -> JourneyOutcome.LOST;
        };
    }

    /** The deal's journey in each pipeline it has been in, in the order it entered them. */
    private static Map<String, Journey> journeys(DealState deal) {
        Map<String, Journey> journeys = new LinkedHashMap<>();
        for (StageInterval interval : deal.stageIntervals()) {
            Journey journey = journeys.computeIfAbsent(interval.pipelineId(), id -> new Journey(interval.enteredAt()));
            journey.stageIds.add(interval.stageId());
            if (interval.enteredAt().isBefore(journey.startedAt)) {
                journey.startedAt = interval.enteredAt();
            }
        }
        return journeys;
    }

    /** Every key a part counts under in a pipeline at an instant: its owner and all, its channel and all. */
    private static List<MetricKey> keys(ConversionPart part, String pipelineId, Instant at, CompanyPeriods periods) {
        List<MetricKey> keys = new ArrayList<>(16);
        for (PeriodType type : PeriodType.values()) {
            String period = periods.label(type, at);
            for (String owner : Arrays.asList(part.ownerId(), null)) {
                for (String sourceChannel : Arrays.asList(part.sourceChannel(), null)) {
                    keys.add(new MetricKey(pipelineId, owner, sourceChannel, type, period));
                }
            }
        }
        return keys;
    }

    private static final class Journey {
        private Instant startedAt;
        private final TreeSet<String> stageIds = new TreeSet<>();

        Journey(Instant startedAt) {
            this.startedAt = startedAt;
        }
    }
}
