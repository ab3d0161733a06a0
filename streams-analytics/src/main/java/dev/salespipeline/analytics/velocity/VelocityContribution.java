package dev.salespipeline.analytics.velocity;

import java.math.BigDecimal;
import java.util.Objects;

import dev.salespipeline.analytics.deal.DealStatus;
import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.metrics.SalesVelocity;
import dev.salespipeline.api.metrics.StageAge;

/**
 * What one deal adds to one figure of the velocity family.
 *
 * @param kind          which figure
 * @param pipelineId    the pipeline
 * @param ownerId       the deal's owner, or null for the "all owners" row
 * @param sourceChannel the deal's channel, or null for the "all channels" row
 * @param periodType    the period's type; null for {@link Kind#STAGE_OPEN} and {@link Kind#VELOCITY_OPEN}
 * @param period        the period's label; null where the type is
 * @param stageId       the stage, for {@link Kind#STAGE_TIME} and {@link Kind#STAGE_OPEN}
 * @param currency      the amount's currency, for {@link Kind#VELOCITY_OPEN} and {@link Kind#VELOCITY_CLOSED}
 * @param value         milliseconds in the stage ({@code STAGE_TIME}), epoch second the stage was entered
 *                      ({@code STAGE_OPEN}), milliseconds from opening to close ({@code CYCLE},
 *                      {@code VELOCITY_CLOSED}); 0 for {@code VELOCITY_OPEN}
 * @param outcome       won or lost, for {@code VELOCITY_CLOSED}
 * @param amount        the amount closed, for {@code VELOCITY_CLOSED}
 */
public record VelocityContribution(Kind kind, String pipelineId, String ownerId, String sourceChannel,
                                   PeriodType periodType, String period, String stageId, String currency, long value,
                                   DealStatus outcome, BigDecimal amount) {

    public enum Kind {
        /** The deal's completed time in a stage, in the period it last left the stage. */
        STAGE_TIME,
        /** The stage an open deal is in now. */
        STAGE_OPEN,
        /** A won deal's cycle, in the period of the win. */
        CYCLE,
        /** An open deal with an amount, in its currency. */
        VELOCITY_OPEN,
        /** A closed deal with an amount, in its currency and the period of the close. */
        VELOCITY_CLOSED
    }

    public VelocityContribution {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pipelineId, "pipelineId");
    }

    /** The metric key of a per-period figure. */
    MetricKey metricKey() {
        return new MetricKey(pipelineId, ownerId, sourceChannel, periodType, period);
    }

    /**
     * The key the figure is aggregated under: the metric key for time in stage and cycle; pipeline, owner and
     * channel for the stage age; those and the currency for velocity, whose open deals and closed deals of
     * every period meet on one partition.
     */
    String aggregateKey() {
        return switch (kind) {
            case STAGE_TIME, CYCLE -> metricKey().asString();
            case STAGE_OPEN -> StageAge.key(pipelineId, ownerId, sourceChannel);
            case VELOCITY_OPEN, VELOCITY_CLOSED -> StageAge.key(pipelineId, ownerId, sourceChannel) + "|" + currency;
        };
    }

    /** The key of the velocity row a closed deal counts in. */
    String velocityKey() {
        return SalesVelocity.key(metricKey(), currency);
    }

    /** Identifies the slot the contribution fills: a deal fills each slot at most once. */
    String slot() {
        return kind + "/" + aggregateKey() + "/" + periodType + "/" + period + "/" + stageId;
    }
}
