package dev.salespipeline.analytics.app;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

import dev.salespipeline.analytics.conversion.ConversionTopology;
import dev.salespipeline.analytics.conversion.OpenedDealsTopology;
import dev.salespipeline.analytics.deal.DealTables;
import dev.salespipeline.analytics.serde.PipelineEvents;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.analytics.velocity.VelocityTopology;

/**
 * The whole application's topology: the event source once, the shared deal and pipeline tables once, and
 * every metric family built on them. Each family's class can be tested alone through its own
 * {@code buildTopology}.
 */
public final class AnalyticsTopology {

    private AnalyticsTopology() {
    }

    public static Topology build(CompanyPeriods periods) {
        StreamsBuilder builder = new StreamsBuilder();
        var events = PipelineEvents.stream(builder);
        new OpenedDealsTopology().buildTopology(events);
        DealTables tables = DealTables.from(events);
        new ConversionTopology(periods).buildTopology(tables);
        new VelocityTopology(periods).buildTopology(tables);
        return builder.build();
    }
}
