package dev.salespipeline.api.metrics;

import java.util.Objects;

/**
 * Where a value of a per-pipeline metric belongs: a pipeline, cut by owner, source channel and period.
 * On the metric topics the record key is {@link #asString()}:
 * {@code pipelineId|ownerId or *|sourceChannel or *|periodType|period}, e.g.
 * {@code sales|*|referral|MONTH|2026-11}.
 *
 * @param pipelineId    the pipeline
 * @param ownerId       the deals' owner, or null for all owners ({@value #ALL} in the key)
 * @param sourceChannel the deals' source channel, {@value #NO_SOURCE_CHANNEL} for deals without one, or null
 *                      for all channels ({@value #ALL} in the key)
 * @param periodType    the kind of period
 * @param period        the period's label, see {@link PeriodType}
 */
public record MetricKey(String pipelineId, String ownerId, String sourceChannel, PeriodType periodType,
                        String period) {

    /** Stands for "all owners" or "all channels" in a key. */
    public static final String ALL = "*";

    /** The source channel of deals whose channel was never given. */
    public static final String NO_SOURCE_CHANNEL = "-";

    private static final String SEPARATOR = "|";

    public MetricKey {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(periodType, "periodType");
        Objects.requireNonNull(period, "period");
    }

    /** The record key on the metric topics. */
    public String asString() {
        return String.join(SEPARATOR, pipelineId, ownerId == null ? ALL : ownerId,
                sourceChannel == null ? ALL : sourceChannel, periodType.name(), period);
    }

    /** Reads a record key written by {@link #asString()}. */
    public static MetricKey parse(String key) {
        String[] parts = key.split("\\|", -1);
        if (parts.length != 5) {
            throw new IllegalArgumentException("not a metric key: " + key);
        }
        return new MetricKey(parts[0], ALL.equals(parts[1]) ? null : parts[1], ALL.equals(parts[2]) ? null : parts[2],
                PeriodType.valueOf(parts[3]), parts[4]);
    }
}
