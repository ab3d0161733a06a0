package dev.salespipeline.query.live;

import java.util.List;
import java.util.function.Predicate;

import dev.salespipeline.api.Topics;
import dev.salespipeline.query.deal.web.DealVisibility;
import dev.salespipeline.query.live.DealDirectory.DealFacts;
import dev.salespipeline.query.metrics.MetricTopics;
import dev.salespipeline.security.Actor;

/**
 * What one client listens to: the topics its positions cover, and which of their changes it gets.
 *
 * @param topics the topics whose positions the client's stream covers
 * @param filter which of their changes the client gets
 */
record Channel(List<String> topics, Predicate<LiveChange> filter) {

    boolean accepts(LiveChange change) {
        return filter.test(change);
    }

    /** A pipeline's board: every event of its deals that the caller may see, and its definition's events. */
    static Channel pipeline(String pipelineId, Actor actor) {
        return new Channel(List.of(Topics.PIPELINE_EVENTS),
                change -> change.pipelineIds().contains(pipelineId) && visible(change, actor));
    }

    /** A deal's timeline: its events, and those of activities attached to it, while the caller may see it. */
    static Channel deal(String dealId, Actor actor) {
        return new Channel(List.of(Topics.PIPELINE_EVENTS),
                change -> dealId.equals(change.dealId()) && visible(change, actor));
    }

    /**
     * Metric updates, of one family or all, of one pipeline or all. A deleted value (tombstone) carries no
     * pipeline and reaches only listeners to all pipelines.
     */
    static Channel metrics(String metric, String pipelineId) {
        return new Channel(MetricTopics.topics(), change -> change.metric() != null
                && (metric == null || metric.equals(change.metric()))
                && (pipelineId == null || pipelineId.equals(change.metricPipelineId())));
    }

    /** Stalled-deal alerts, raised and cleared, of one pipeline or all, for the deals the caller may see. */
    static Channel stalledDeals(String pipelineId, Actor actor) {
        return new Channel(List.of(Topics.ALERTS_STALLED_DEALS),
                change -> ChangeDecoder.STALLED_DEAL_EVENT.equals(change.event())
                && (pipelineId == null || change.pipelineIds().contains(pipelineId))
                && visible(change, actor));
    }

    private static boolean visible(LiveChange change, Actor actor) {
        if (change.holders() == null) {
            return true;
        }
        for (DealFacts holder : change.holders()) {
            if (DealVisibility.canSee(actor, holder.ownerId(), holder.teamId())) {
                return true;
            }
        }
        return false;
    }
}
