package dev.salespipeline.api.metrics;

import java.util.List;
import java.util.Objects;

/**
 * How long deals stayed in each stage of a pipeline, over the deals that last left the stage in one period,
 * cut by owner and source channel, on {@link dev.salespipeline.api.Topics#METRICS_TIME_IN_STAGE}. A deal's
 * time in a stage is the sum of its completed intervals there (re-entries add up). Definitions:
 * {@code docs/metrics.md}.
 *
 * @param pipelineId    the pipeline the stages belong to
 * @param ownerId       the deals' current owner, or null for all owners
 * @param sourceChannel the deals' source channel ({@value MetricKey#NO_SOURCE_CHANNEL} for none), or null for all
 * @param periodType    the kind of period
 * @param period        the period in which the deals last left the stage, see {@link PeriodType}
 * @param stages        one entry per stage id that deals left in the period, sorted by stage id; a stage no deal
 *                      counts for any more is left out
 */
public record TimeInStage(String pipelineId, String ownerId, String sourceChannel, PeriodType periodType,
                          String period, List<StageTime> stages) {

    public TimeInStage {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(periodType, "periodType");
        Objects.requireNonNull(period, "period");
        stages = stages == null ? List.of() : List.copyOf(stages);
    }
}
