package dev.salespipeline.analytics.conversion;

import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.WinRate;

/** The win rate of a period after a deal's delta: its old close out, its new one in. */
final class WinRates {

    private WinRates() {
    }

    static WinRate apply(WinRate current, ContributionDelta delta) {
        long won = current == null ? 0 : current.won();
        long lost = current == null ? 0 : current.lost();
        if (delta.removed() != null) {
            won -= delta.removed().outcome() == JourneyOutcome.WON ? 1 : 0;
            lost -= delta.removed().outcome() == JourneyOutcome.LOST ? 1 : 0;
        }
        if (delta.added() != null) {
            won += delta.added().outcome() == JourneyOutcome.WON ? 1 : 0;
            lost += delta.added().outcome() == JourneyOutcome.LOST ? 1 : 0;
        }
        MetricKey key = delta.any().key();
        return new WinRate(key.pipelineId(), key.ownerId(), key.sourceChannel(), key.periodType(), key.period(),
                won, lost, StageConversions.ratio(won, won + lost));
    }
}
