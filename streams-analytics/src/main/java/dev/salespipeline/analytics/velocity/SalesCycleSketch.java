package dev.salespipeline.analytics.velocity;

import java.util.Objects;

import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.SalesCycle;

/** The stored aggregate of sales cycle length for one metric key: the distribution of the won deals' cycles. */
public record SalesCycleSketch(MetricKey key, DurationDistribution cycles) {

    private static final double SECONDS_PER_DAY = 86_400;

    public SalesCycleSketch {
        Objects.requireNonNull(key, "key");
        cycles = cycles == null ? DurationDistribution.EMPTY : cycles;
    }

    static SalesCycleSketch apply(SalesCycleSketch current, VelocityDelta delta) {
        DurationDistribution cycles = current == null ? DurationDistribution.EMPTY : current.cycles();
        if (delta.removed() != null) {
            cycles = cycles.withdrawing(delta.removed().value());
        }
        if (delta.added() != null) {
            cycles = cycles.adding(delta.added().value());
        }
        return new SalesCycleSketch(delta.any().metricKey(), cycles);
    }

    public SalesCycle metric() {
        Double mean = cycles.meanSeconds();
        double[] median = cycles.quantilesSeconds(0.5);
        return new SalesCycle(key.pipelineId(), key.ownerId(), key.sourceChannel(), key.periodType(), key.period(),
                cycles.count(), mean == null ? null : mean / SECONDS_PER_DAY,
                median == null ? null : median[0] / SECONDS_PER_DAY);
    }
}
