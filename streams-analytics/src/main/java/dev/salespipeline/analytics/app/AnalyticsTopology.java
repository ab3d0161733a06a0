package dev.salespipeline.analytics.app;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

import dev.salespipeline.analytics.conversion.OpenedDealsTopology;
import dev.salespipeline.analytics.serde.PipelineEvents;

/**
 * The whole application's topology: the event source once, and every metric family built on it.
 * Each family's class can be tested alone through its own {@code buildTopology}.
 */
public final class AnalyticsTopology {

    private AnalyticsTopology() {
    }

    public static Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        var events = PipelineEvents.stream(builder);
        new OpenedDealsTopology().buildTopology(events);
        return builder.build();
    }
}
