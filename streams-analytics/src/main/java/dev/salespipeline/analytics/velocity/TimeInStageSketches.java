package dev.salespipeline.analytics.velocity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.salespipeline.analytics.deal.FinestCells;
import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.metrics.StageTime;
import dev.salespipeline.api.metrics.TimeInStage;

/**
 * The stored aggregate of time in stage for one metric key: per stage id, the distribution of the deals'
 * times there.
 */
public record TimeInStageSketches(MetricKey key, Map<String, DurationDistribution> stages) {

    public TimeInStageSketches {
        Objects.requireNonNull(key, "key");
        stages = stages == null ? Map.of() : new TreeMap<>(stages);
    }

    /** The aggregate after a deal's recount: its old time in the stage out, its new one in. */
    static TimeInStageSketches apply(TimeInStageSketches current, VelocityContribution removed,
                                     VelocityContribution added) {
        Map<String, DurationDistribution> stages = new TreeMap<>(current == null ? Map.of() : current.stages());
        VelocityContribution any = added != null ? added : removed;
        DurationDistribution distribution = stages.getOrDefault(any.stageId(), DurationDistribution.EMPTY);
        if (removed != null) {
            distribution = distribution.withdrawing(removed.value());
        }
        if (added != null) {
            distribution = distribution.adding(added.value());
        }
        stages.put(any.stageId(), distribution);
        return new TimeInStageSketches(any.metricKey(), stages);
    }

    /**
     * Every time-in-stage row the finest cells add up to, by row key: each cell (one pipeline, owner, channel and
     * day of leaving, period type {@link PeriodType#DAY}) counts in the sixteen rows of its owner and all, its
     * channel and all, and the periods of its day, stage by stage.
     */
    public static Map<String, TimeInStageSketches> rowsOf(Iterable<TimeInStageSketches> cells) {
        Map<String, TimeInStageSketches> rows = new TreeMap<>();
        for (TimeInStageSketches cell : cells) {
            for (MetricKey key : FinestCells.rowKeys(cell.key())) {
                rows.merge(key.asString(), new TimeInStageSketches(key, cell.stages()), TimeInStageSketches::plus);
            }
        }
        return rows;
    }

    /** The distributions of both, stage by stage, under this key. */
    TimeInStageSketches plus(TimeInStageSketches other) {
        Map<String, DurationDistribution> sum = new TreeMap<>(stages);
        other.stages().forEach((stageId, distribution) -> sum.merge(stageId, distribution, DurationDistribution::plus));
        return new TimeInStageSketches(key, sum);
    }

    /** The published figures: stages that no deal counts for any more are left out. */
    public TimeInStage metric() {
        List<StageTime> figures = new ArrayList<>();
        stages.forEach((stageId, distribution) -> {
            if (distribution.count() > 0) {
                double[] quantiles = distribution.quantilesSeconds(0.5, 0.9);
                figures.add(new StageTime(stageId, distribution.count(), distribution.meanSeconds(), quantiles[0],
                        quantiles[1]));
            }
        });
        return new TimeInStage(key.pipelineId(), key.ownerId(), key.sourceChannel(), key.periodType(), key.period(),
                figures);
    }
}
