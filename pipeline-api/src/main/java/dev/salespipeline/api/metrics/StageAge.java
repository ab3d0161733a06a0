package dev.salespipeline.api.metrics;

import java.util.List;
import java.util.Objects;

/**
 * The open deals of a pipeline in each stage now, cut by owner and source channel, on
 * {@link dev.salespipeline.api.Topics#METRICS_STAGE_AGE}. The record is not per period: it describes the
 * present. It carries when the open deals entered their stage, on average, rather than their age, which
 * grows with the clock: the mean age at any instant is that instant minus {@code averageEnteredAt}.
 * Definitions: {@code docs/metrics.md}.
 *
 * @param pipelineId    the pipeline
 * @param ownerId       the deals' current owner, or null for all owners
 * @param sourceChannel the deals' source channel ({@value MetricKey#NO_SOURCE_CHANNEL} for none), or null for all
 * @param stages        one entry per stage id holding open deals, sorted by stage id
 */
public record StageAge(String pipelineId, String ownerId, String sourceChannel, List<StageOpenDeals> stages) {

    public StageAge {
        Objects.requireNonNull(pipelineId, "pipelineId");
        stages = stages == null ? List.of() : List.copyOf(stages);
    }

    /**
     * The record key on {@link dev.salespipeline.api.Topics#METRICS_STAGE_AGE}:
     * {@code pipelineId|ownerId or *|sourceChannel or *}.
     */
    public static String key(String pipelineId, String ownerId, String sourceChannel) {
        return String.join("|", pipelineId, ownerId == null ? MetricKey.ALL : ownerId,
                sourceChannel == null ? MetricKey.ALL : sourceChannel);
    }
}
