package dev.salespipeline.api;

import java.util.Map;

/**
 * Kafka topics that form the public contract between the services and with integrations.
 * Names carry a version suffix: a breaking change to a topic's contract gets a new topic.
 */
public final class Topics {

    /**
     * Settings every service applies when it creates {@link #PIPELINE_EVENTS} (whichever starts first
     * creates it; brokers must not create topics on demand). Partitions are set per deployment, 6 by default.
     */
    public static final Map<String, String> PIPELINE_EVENTS_CONFIG = Map.of(
            "retention.ms", "-1",
            "retention.bytes", "-1");

    /** Default partition count of {@link #PIPELINE_EVENTS}; the unit of parallelism of every consumer. */
    public static final int PIPELINE_EVENTS_DEFAULT_PARTITIONS = 6;

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
