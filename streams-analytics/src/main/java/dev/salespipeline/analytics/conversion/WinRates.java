package dev.salespipeline.analytics.conversion;

import java.util.Map;
import java.util.TreeMap;

import dev.salespipeline.analytics.deal.FinestCells;
import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.metrics.WinRate;

/** The win rate of a period after a deal's recount: its old close out, its new one in. */
public final class WinRates {

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
        return of(key, won, lost);
    }

    /**
     * Every win-rate row the finest cells add up to, by row key: each cell (one pipeline, owner, channel and day of
     * close, period type {@link PeriodType#DAY}) counts in the sixteen rows of its owner and all, its channel and
     * all, and the periods of its day; the rate is worked out from the sums.
     */
    public static Map<String, WinRate> rowsOf(Iterable<WinRate> cells) {
        Map<String, long[]> sums = new TreeMap<>();
        Map<String, MetricKey> keys = new TreeMap<>();
        for (WinRate cell : cells) {
            MetricKey cellKey = new MetricKey(cell.pipelineId(), cell.ownerId(), cell.sourceChannel(),
                    cell.periodType(), cell.period());
            for (MetricKey key : FinestCells.rowKeys(cellKey)) {
                long[] sum = sums.computeIfAbsent(key.asString(), row -> new long[2]);
                sum[0] += cell.won();
                sum[1] += cell.lost();
                keys.put(key.asString(), key);
            }
        }
        Map<String, WinRate> rows = new TreeMap<>();
        sums.forEach((row, sum) -> rows.put(row, of(keys.get(row), sum[0], sum[1])));
        return rows;
    }

    private static WinRate of(MetricKey key, long won, long lost) {
        return new WinRate(key.pipelineId(), key.ownerId(), key.sourceChannel(), key.periodType(), key.period(),
                won, lost, StageConversions.ratio(won, won + lost));
    }
}
