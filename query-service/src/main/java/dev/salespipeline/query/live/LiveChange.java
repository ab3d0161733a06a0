package dev.salespipeline.query.live;

import java.util.List;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;

import dev.salespipeline.query.live.DealDirectory.DealFacts;

/**
 * One record of the event or metric topics as clients get it, with what decides who gets it.
 *
 * @param event            the SSE event name: the event type, or {@code metric}
 * @param data             the SSE data: JSON
 * @param dealId           the deal the event belongs to, or null
 * @param pipelineIds      the boards it shows on: its deal's pipeline (both for a transfer), or the
 *                         pipeline it defines
 * @param holders          who held the deal when it happened (both sides of a handover): callers who may
 *                         see one of them get it; null when the change is for everyone on the channel
 * @param metric           the metric family of a metric update, or null
 * @param metricPipelineId the pipeline a metric value is of, or null
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
        String metricPipelineId) {
}
