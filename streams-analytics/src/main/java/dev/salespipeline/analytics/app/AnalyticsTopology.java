package dev.salespipeline.analytics.app;

import java.time.Duration;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

import dev.salespipeline.analytics.acquisition.AcquisitionCostTopology;
import dev.salespipeline.analytics.activity.ManagerActivityTopology;
import dev.salespipeline.analytics.book.OwnerBookTopology;
import dev.salespipeline.analytics.conversion.ConversionTopology;
import dev.salespipeline.analytics.conversion.OpenedDealsTopology;
import dev.salespipeline.analytics.deal.DealTables;
import dev.salespipeline.analytics.forecast.ForecastTopology;
import dev.salespipeline.analytics.serde.PipelineEvents;
import dev.salespipeline.analytics.stalled.StalledDealsTopology;
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
        return build(periods, StalledDealsTopology.DEFAULT_SCAN_INTERVAL);
    }

    /**
     * @param stalledDealsScanInterval how often, in wall-clock time, open deals are checked for limits passed
     */
    public static Topology build(CompanyPeriods periods, Duration stalledDealsScanInterval) {
        return build(periods, stalledDealsScanInterval, ManagerActivityTopology.DEFAULT_SUCCESSFUL_CALL_SECONDS);
    }

    /**
     * @param stalledDealsScanInterval how often, in wall-clock time, open deals are checked for limits passed
     * @param successfulCallSeconds    the shortest answered call, in seconds, that counts as a successful contact
     */
    public static Topology build(CompanyPeriods periods, Duration stalledDealsScanInterval,
                                 long successfulCallSeconds) {
        StreamsBuilder builder = new StreamsBuilder();
        var events = PipelineEvents.stream(builder);
        new OpenedDealsTopology().buildTopology(events);
        DealTables tables = DealTables.from(events);
        new ConversionTopology(periods).buildTopology(tables);
        new StalledDealsTopology(stalledDealsScanInterval, StalledDealsTopology.DEFAULT_CATCH_UP_LAG)
                .buildTopology(events, tables);
        new VelocityTopology(periods).buildTopology(tables);
        new ForecastTopology(periods).buildTopology(events, tables);
        new ManagerActivityTopology(periods, successfulCallSeconds).buildTopology(events);
        new OwnerBookTopology(periods, stalledDealsScanInterval).buildTopology(events, tables);
        new AcquisitionCostTopology(periods).buildTopology(events, tables);
        return builder.build();
    }
}
