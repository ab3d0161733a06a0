package dev.salespipeline.analytics.book;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.metrics.DealSize;
import dev.salespipeline.api.metrics.MetricKey;

/**
 * The stored figures of one deal-size row (metric key and currency; store {@value OwnerBookTopology#DEAL_SIZE_STORE}):
 * the deals won in the period, and the open deals as last taken within it.
 *
 * @param openAsOf wall-clock time the open deals were last taken; null when never within the period
 */
record DealSizeFigures(MetricKey key, String currency, AmountSum won, AmountSum open, Instant openAsOf) {

    DealSizeFigures {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(currency, "currency");
        won = won == null ? AmountSum.NONE : won;
        open = open == null ? AmountSum.NONE : open;
    }

    static DealSizeFigures empty(MetricKey key, String currency) {
        return new DealSizeFigures(key, currency, AmountSum.NONE, AmountSum.NONE, null);
    }

    DealSizeFigures withWon(DealEntry entry, int by) {
        return new DealSizeFigures(key, currency, won.plus(entry.amount().amount(), by), open, openAsOf);
    }

    DealSizeFigures withOpen(AmountSum openNow, Instant asOf) {
        return new DealSizeFigures(key, currency, won, openNow, asOf);
    }

    /** Whether the published figures are the same (the time the open deals were taken aside). */
    boolean sameFiguresAs(DealSizeFigures other) {
        return other != null && won.sameAs(other.won) && open.sameAs(other.open);
    }

    DealSize metric() {
        return new DealSize(key.pipelineId(), key.ownerId(), key.sourceChannel(), key.periodType(), key.period(),
                currency, won.deals(), won.total(), won.average(), open.deals(), open.total(), open.average(),
                openAsOf);
    }
}
