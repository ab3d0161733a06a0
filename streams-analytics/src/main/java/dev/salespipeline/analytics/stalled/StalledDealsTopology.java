package dev.salespipeline.analytics.stalled;

import java.time.Duration;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

import dev.salespipeline.analytics.deal.DealTables;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.alerts.StalledDealAlert;
import dev.salespipeline.api.envelope.EventEnvelope;

/**
 * Stalled-deal alerts ({@link Topics#ALERTS_STALLED_DEALS}): an open deal that has been in its stage longer
 * than the stage's time limit, or without activity longer than its pipeline's idle limit, gets one alert,
 * raised when it passes the limit and cleared when it moves, gets activity, is won or lost, or the limit
 * changes so that it no longer exceeds it. Definitions: {@code docs/metrics.md}, "Stalled deals".
 *
 * <pre>
 * deals-in-pipelines (deal state joined with its pipeline's definition) --+
 *                                                                          +--&gt; stalled-deals-watch --&gt; topic
 * pipeline events (activities, and how long events waited) ---------------+      stores stalled-deals,
 *                                                                                  stalled-deal-activity
 *                                                                          wall-clock punctuation: raise
 * </pre>
 *
 * <p>The limits come from the pipeline's current definition through the shared foreign-key join, which
 * yields every deal of a pipeline again when its definition changes: a changed limit applies at once,
 * without a restart and without an event of the deal. Activities are not folded into the shared deal state:
 * they are the most frequent events, and each would otherwise go through the join; the latest activity per
 * deal is kept here. Everything is keyed by deal id on the source topic's partitions, so nothing is
 * repartitioned.
 */
public final class StalledDealsTopology {

    /** Open deals with their limits, latest activity and the alert raised, by deal id. */
    public static final String WATCHED_STORE = "stalled-deals";

    /** The business time of each deal's latest activity, by deal id. */
    public static final String ACTIVITY_STORE = "stalled-deal-activity";

    public static final Duration DEFAULT_SCAN_INTERVAL = Duration.ofMinutes(1);
    public static final Duration DEFAULT_CATCH_UP_LAG = Duration.ofMinutes(5);

    private static final JsonSerde<StalledDealAlert> ALERT = JsonSerde.of(StalledDealAlert.class);

    private final Duration scanInterval;
    private final Duration catchUpLag;

    public StalledDealsTopology() {
        this(DEFAULT_SCAN_INTERVAL, DEFAULT_CATCH_UP_LAG);
    }

    /**
     * @param scanInterval how often, in wall-clock time, the open deals are checked for limits passed
     * @param catchUpLag   how long after being recorded an event may be read before the input counts as
     *                     catching up, which holds back new alerts
     */
    public StalledDealsTopology(Duration scanInterval, Duration catchUpLag) {
        this.scanInterval = scanInterval;
        this.catchUpLag = catchUpLag;
    }

    public void buildTopology(KStream<String, EventEnvelope<DomainEvent>> events, DealTables tables) {
        KStream<String, StallSignal> eventSignals = events
                .filter((key, envelope) -> envelope != null, Named.as("stalled-deals-events"))
                .mapValues(StallSignal::event, Named.as("stalled-deals-event-signals"));
        tables.dealsInPipelines()
                .toStream(Named.as("stalled-deals-deal-changes"))
                .mapValues(StallSignal::dealChanged, Named.as("stalled-deals-deal-signals"))
                .merge(eventSignals, Named.as("stalled-deals-signals"))
                .process(new StalledDealWatch(WATCHED_STORE, ACTIVITY_STORE, scanInterval, catchUpLag),
                        Named.as("stalled-deals-watch"))
                .to(Topics.ALERTS_STALLED_DEALS,
                        Produced.with(Serdes.String(), ALERT).withName("stalled-deals-sink"));
    }
}
