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

    public static List<ConversionContribution> of(DealState deal, CompanyPeriods periods) {
        List<ConversionContribution> contributions = new ArrayList<>();
        for (Map.Entry<String, Journey> entry : journeys(deal).entrySet()) {
            String pipelineId = entry.getKey();
            Journey journey = entry.getValue();
            JourneyOutcome outcome = pipelineId.equals(deal.pipelineId()) ? outcome(deal.status())
                    : JourneyOutcome.TRANSFERRED_OUT;
            for (MetricKey key : keys(deal, pipelineId, journey.startedAt, periods)) {
                contributions.add(new ConversionContribution(ConversionContribution.Kind.COHORT, key,
                        List.copyOf(journey.stageIds), outcome));
            }
        }
        if (deal.status() != DealStatus.OPEN && deal.closedAt() != null) {
            for (MetricKey key : keys(deal, deal.pipelineId(), deal.closedAt(), periods)) {
                contributions.add(new ConversionContribution(ConversionContribution.Kind.CLOSED, key, List.of(),
                        outcome(deal.status())));
            }
        }
        return contributions;
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

    /** Every key a deal counts under in a pipeline at an instant: its owner and all, its channel and all. */
    private static List<MetricKey> keys(DealState deal, String pipelineId, Instant at, CompanyPeriods periods) {
        String channel = deal.sourceChannel() == null || deal.sourceChannel().isBlank()
                ? MetricKey.NO_SOURCE_CHANNEL : deal.sourceChannel();
        List<MetricKey> keys = new ArrayList<>();
        for (PeriodType type : PeriodType.values()) {
            String period = periods.label(type, at);
            for (String owner : Arrays.asList(deal.ownerId(), null)) {
                for (String sourceChannel : Arrays.asList(channel, null)) {
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
