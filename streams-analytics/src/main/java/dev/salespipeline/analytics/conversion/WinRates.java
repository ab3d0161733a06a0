package dev.salespipeline.analytics.conversion;

import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.WinRate;

/** The win rate of a period after a deal's recount: its old close out, its new one in. */
final class WinRates {

    private WinRates() {
    }

    static WinRate apply(WinRate current, MetricKey key, ConversionContribution removed,
                         ConversionContribution added) {
        long won = current == null ? 0 : current.won();
        long lost = current == null ? 0 : current.lost();
        if (removed != null) {
            won -= removed.outcome() == JourneyOutcome.WON ? 1 : 0;
            lost -= removed.outcome() == JourneyOutcome.LOST ? 1 : 0;
        }
        if (added != null) {
            won += added.outcome() == JourneyOutcome.WON ? 1 : 0;
            lost += added.outcome() == JourneyOutcome.LOST ? 1 : 0;
        }
        return new WinRate(key.pipelineId(), key.ownerId(), key.sourceChannel(), key.periodType(), key.period(),
                won, lost, StageConversions.ratio(won, won + lost));
    }
}
