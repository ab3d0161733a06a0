package dev.salespipeline.query.live;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.salespipeline.api.Topics;
import dev.salespipeline.query.access.Visibility;
import dev.salespipeline.query.live.DealDirectory.DealFacts;
import dev.salespipeline.query.metrics.MetricTopics;
import dev.salespipeline.query.metrics.MetricValue;
import dev.salespipeline.security.Actor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one client listens to: the topics its positions cover, and which of their changes it gets, as it may
 * see them ({@link Visibility}). Live changes and replayed ones pass the same way.
 *
 * @param topics the topics whose positions the client's stream covers
 * @param user   the caller's id, whose open streams are counted
 * @param view   the change as the client gets it, or null if it does not get it
 */
record Channel(List<String> topics, String user, UnaryOperator<LiveChange> view) {

    /** The change as the client gets it, or null if it does not get it. */
    LiveChange view(LiveChange change) {
        return view.apply(change);
    }

    /** A pipeline's board: every event of its deals that the caller may see, and its definition's events. */
    static Channel pipeline(String pipelineId, Actor actor) {
        return new Channel(List.of(Topics.PIPELINE_EVENTS), actor.id(),
                change -> change.pipelineIds().contains(pipelineId) && visible(change, actor) ? change : null);
    }

    /** A deal's timeline: its events, and those of activities attached to it, while the caller may see it. */
    static Channel deal(String dealId, Actor actor) {
        return new Channel(List.of(Topics.PIPELINE_EVENTS), actor.id(),
                change -> dealId.equals(change.dealId()) && visible(change, actor) ? change : null);
    }

    /**
     * Metric updates, of one family or all, of one pipeline or all, of the rows the caller may see, with the
     * deals listed in them cut to those it may see. A deleted value (tombstone) carries no pipeline and reaches
     * only listeners to all pipelines who may see its row.
     */
    static Channel metrics(String metric, String pipelineId, Actor actor, JsonMapper json) {
        return new Channel(MetricTopics.topics(), actor.id(), change -> {
            if (change.metric() == null || (metric != null && !metric.equals(change.metric()))
                    || (pipelineId != null && !pipelineId.equals(change.metricPipelineId()))) {
                return null;
            }
            MetricValue value = change.metricValue();
            Optional<JsonNode> shown = Visibility.view(actor, change.metricRow(), value.value());
            if (shown.isEmpty()) {
                return null;
            }
            if (value.value() == null || shown.get() == value.value()) {
                return change;
            }
            return change.withData(json.writeValueAsString(new MetricValue(value.metric(), value.key(), shown.get(),
                    value.updatedAt())));
        });
    }

    /** Stalled-deal alerts, raised and cleared, of one pipeline or all, for the deals the caller may see. */
    static Channel stalledDeals(String pipelineId, Actor actor) {
        return new Channel(List.of(Topics.ALERTS_STALLED_DEALS), actor.id(),
                change -> ChangeDecoder.STALLED_DEAL_EVENT.equals(change.event())
                && (pipelineId == null || change.pipelineIds().contains(pipelineId))
                && visible(change, actor) ? change : null);
    }

    private static boolean visible(LiveChange change, Actor actor) {
        if (change.holders() == null) {
            return true;
        }
        for (DealFacts holder : change.holders()) {
            if (Visibility.deal(actor, holder.ownerId(), holder.teamId())) {
                return true;
            }
        }
        return false;
    }
}
