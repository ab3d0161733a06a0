package dev.salespipeline.api;

/**
 * Kafka topics that form the public contract between the services and with integrations.
 * Names carry a version suffix: a breaking change to a topic's contract gets a new topic.
 */
public final class Topics {

    /**
     * Every event of every aggregate, as an {@link dev.salespipeline.api.envelope.EventEnvelope}.
     * Key: the aggregate id, so that events of one deal stay in order on one partition.
     * Retention: forever (the topic is a replayable copy of the event store).
     */
    public static final String PIPELINE_EVENTS = "pipeline.events.v1";

    /**
     * Deals opened per pipeline, as {@link dev.salespipeline.api.metrics.OpenedDeals}, computed by
     * streams-analytics. Key: the pipeline id. Compacted: the latest value per pipeline is the metric.
     */
    public static final String METRICS_OPENED_DEALS = "pipeline.metrics.opened-deals.v1";

    private Topics() {
    }
}
