package dev.salespipeline.query.metrics;

import dev.salespipeline.api.metrics.PeriodType;

/**
 * One page of a metric's latest values, with the cuts of {@code GET /metrics/{metric}}; null cuts do not
 * apply.
 */
public record FindMetricValues(String metric, String pipelineId, String ownerId, String sourceChannel,
                               PeriodType periodType, String period, int page, int size) {
}
