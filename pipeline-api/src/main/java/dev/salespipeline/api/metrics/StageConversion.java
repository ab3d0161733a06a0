package dev.salespipeline.api.metrics;

import java.util.List;
import java.util.Objects;

/**
 * Conversion through a pipeline's stages for the cohort of deals that started in the pipeline in one period
 * (opened there, or transferred into it), cut by owner and source channel, on
 * {@link dev.salespipeline.api.Topics#METRICS_CONVERSION}. Definitions: {@code docs/metrics.md}.
 *
 * @param pipelineId     the pipeline
 * @param ownerId        the deals' current owner, or null for all owners
 * @param sourceChannel  the deals' source channel ({@value MetricKey#NO_SOURCE_CHANNEL} for none), or null for all
 * @param periodType     the kind of period
 * @param period         the period the cohort started in, see {@link PeriodType}
 * @param opened         deals in the cohort
 * @param won            deals of the cohort won (and not reopened since)
 * @param lost           deals of the cohort lost (and not reopened since)
 * @param transferredOut deals of the cohort that have left for another pipeline
 * @param stages         current stages in their current order, then stages no longer current that deals of
 *                       the cohort entered
 * @param leadToWin      {@code won / opened}; null for an empty cohort
 */
public record StageConversion(String pipelineId, String ownerId, String sourceChannel, PeriodType periodType,
                              String period, long opened, long won, long lost, long transferredOut,
                              List<StageReach> stages, Double leadToWin) {

    public StageConversion {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(periodType, "periodType");
        Objects.requireNonNull(period, "period");
        stages = stages == null ? List.of() : List.copyOf(stages);
    }
}
