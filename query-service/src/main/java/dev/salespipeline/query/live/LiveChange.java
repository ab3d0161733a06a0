package dev.salespipeline.query.live;

import java.util.List;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;

import dev.salespipeline.query.access.Visibility.MetricRow;
import dev.salespipeline.query.live.DealDirectory.DealFacts;
import dev.salespipeline.query.metrics.MetricValue;

/**
 * One record of the event or metric topics as clients get it, with what decides who gets it.
 *
 * @param event            the SSE event name: the event type, or {@code metric}
 * @param data             the SSE data: JSON
 * @param dealId           the deal the event belongs to, or null
 * @param pipelineIds      the boards it shows on: its deal's pipeline (both for a transfer), or the
 *                         pipeline it defines
 * @param holders          who holds the deal (for a hand-over, who held it before and who holds it after):
 *                         callers who may see one of them get it; null when the change is for everyone on the
 *                         channel
 * @param metric           the metric family of a metric update, or null
 * @param metricPipelineId the pipeline a metric value is of, or null
 * @param metricValue      the metric update itself, or null
 * @param metricRow        what decides who sees the metric update, or null
 */
record LiveChange(
        TopicPartition partition,
        long offset,
        String event,
        String data,
        String dealId,
        Set<String> pipelineIds,
        List<DealFacts> holders,
        String metric,
        String metricPipelineId,
        MetricValue metricValue,
        MetricRow metricRow) {

    /** The same change with other data: a metric value as one caller may see it. */
    LiveChange withData(String otherData) {
        return new LiveChange(partition, offset, event, otherData, dealId, pipelineIds, holders, metric,
                metricPipelineId, metricValue, metricRow);
    }
}
