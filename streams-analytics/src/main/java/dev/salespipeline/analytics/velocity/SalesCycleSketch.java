package dev.salespipeline.analytics.velocity;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.salespipeline.analytics.deal.FinestCells;
import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.metrics.SalesCycle;

/** The stored aggregate of sales cycle length for one metric key: the distribution of the won deals' cycles. */
public record SalesCycleSketch(MetricKey key, DurationDistribution cycles) {

    private static final double SECONDS_PER_DAY = 86_400;

    public SalesCycleSketch {
        Objects.requireNonNull(key, "key");
        cycles = cycles == null ? DurationDistribution.EMPTY : cycles;
    }

    static SalesCycleSketch apply(SalesCycleSketch current, VelocityContribution removed, VelocityContribution added) {
        DurationDistribution cycles = current == null ? DurationDistribution.EMPTY : current.cycles();
        if (removed != null) {
            cycles = cycles.withdrawing(removed.value());
        }
        if (added != null) {
            cycles = cycles.adding(added.value());
        }
        return new SalesCycleSketch((added != null ? added : removed).metricKey(), cycles);
    }

    /**
     * Every sales-cycle row the finest cells add up to, by row key: each cell (one pipeline, owner, channel and day
     * of the win, period type {@link PeriodType#DAY}) counts in the sixteen rows of its owner and all, its channel
     * and all, and the periods of its day.
     */
    public static Map<String, SalesCycleSketch> rowsOf(Iterable<SalesCycleSketch> cells) {
        Map<String, SalesCycleSketch> rows = new TreeMap<>();
        for (SalesCycleSketch cell : cells) {
            for (MetricKey key : FinestCells.rowKeys(cell.key())) {
                rows.merge(key.asString(), new SalesCycleSketch(key, cell.cycles()),
                        (sum, more) -> new SalesCycleSketch(key, sum.cycles().plus(more.cycles())));
            }
        }
        return rows;
    }

    public SalesCycle metric() {
        Double mean = cycles.meanSeconds();
        double[] median = cycles.quantilesSeconds(0.5);
        return new SalesCycle(key.pipelineId(), key.ownerId(), key.sourceChannel(), key.periodType(), key.period(),
                cycles.count(), mean == null ? null : mean / SECONDS_PER_DAY,
                median == null ? null : median[0] / SECONDS_PER_DAY);
    }
}
