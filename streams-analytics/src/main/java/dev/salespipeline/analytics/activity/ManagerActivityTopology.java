package dev.salespipeline.analytics.activity;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

import dev.salespipeline.analytics.deal.RowsOnCommit;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.serde.PipelineEvents;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.activity.ActivityAttached;
import dev.salespipeline.api.activity.ActivityEvent;
import dev.salespipeline.api.activity.ActivityReceived;
import dev.salespipeline.api.deal.DealEvent;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.metrics.CallQuality;
import dev.salespipeline.api.metrics.ManagerActivity;

/**
 * The manager-activity family ({@link Topics#METRICS_MANAGER_ACTIVITY}), and with it the call-quality family
 * ({@link Topics#METRICS_CALL_QUALITY}, what the dictionaries found in each person's calls, from the same cells):
 * what each person did per shift (the
 * company's local day, and the weeks, months and quarters holding it), per pipeline and for all pipelines: calls
 * made and received, talk time, successful contacts, missed calls, emails sent, received and opened, cards
 * changed, calls per changed card and tasks rescheduled without activity in between. Everything by business
 * time. Definitions: {@code docs/metrics.md}, "Manager activity".
 *
 * <pre>
 * deal events ------&gt; manager-activity-deal-work (store manager-activity-deals)
 *                        |-- calls, emails, openings --+
 * activity events -----&gt; facts ------------------------+--repartition by call/email id (manager-activity-by-id)--&gt;
 *                                                          manager-activity-counting (store manager-activity-ids)
 *                        |-- cards changed, reschedules --+                  |
 *                                                         +-- cell deltas ---+--one record per person, repartition
 *                                                             by person (manager-activity-deltas)--&gt;
 *                                                             manager-activity-cells: the person's finest cells
 *                                                             (store manager-activity-day-cells) and every row they
 *                                                             count in (store manager-activity-metrics, in memory,
 *                                                             worked out from the cells when the task is assigned)
 *                                                             --&gt; manager-activity-rows (once per commit) --&gt; topics
 *                                                             (manager activity; call quality when calls changed)
 * </pre>
 *
 * <p>An ingested call or email arrives twice, as {@code ActivityReceived} keyed by the activity id and, once
 * matched to a deal, as {@code CallLogged}/{@code EmailLogged} on the deal with the activity id as its id; both are
 * brought to one partition by id and counted once. No windows: a call logged a day late changes the row of the day
 * it took place, however late it comes.
 */
public final class ManagerActivityTopology {

    /** Per deal: its pipeline, who changed it on which day, its tasks' due-time settings and its activity times. */
    public static final String DEALS_STORE = "manager-activity-deals";

    /** Per call or email id: what its events said, so that it counts once. */
    public static final String IDS_STORE = "manager-activity-ids";

    /**
     * Per row ({@link ManagerActivity#key}): the sums, in memory, without a changelog, worked out from the cells
     * when the task is assigned.
     */
    public static final String METRICS_STORE = "manager-activity-metrics";

    /** The finest cells of the rows: person, pipeline (or none known) and company-local day ({@link ActivityCell}). */
    public static final String CELLS_STORE = "manager-activity-day-cells";

    /** The prefix of the family's processors and stores of {@link RowsOnCommit}. */
    static final String NAME = "manager-activity";

    /** The prefix of the call-quality family's processors (it shares the manager-activity cells and rows). */
    static final String CALL_QUALITY = "call-quality";

    /** A successful contact is an answered call of at least this many seconds, unless configured otherwise. */
    public static final long DEFAULT_SUCCESSFUL_CALL_SECONDS = 40;

    private final CompanyPeriods periods;
    private final long successfulCallSeconds;
    private final Function<String, KeyValueBytesStoreSupplier> processorStores;

    public ManagerActivityTopology(CompanyPeriods periods) {
        this(periods, DEFAULT_SUCCESSFUL_CALL_SECONDS);
    }

    /**
     * @param successfulCallSeconds the shortest answered call, in seconds, that counts as a successful contact
     */
    public ManagerActivityTopology(CompanyPeriods periods, long successfulCallSeconds) {
        this(periods, successfulCallSeconds, Stores::persistentKeyValueStore);
    }

    /** With the given kind of store for the stores of the family's own processors (in memory for tests). */
    ManagerActivityTopology(CompanyPeriods periods, long successfulCallSeconds,
                            Function<String, KeyValueBytesStoreSupplier> processorStores) {
        if (successfulCallSeconds < 0) {
            throw new IllegalArgumentException("the successful-call threshold cannot be negative: "
                    + successfulCallSeconds);
        }
        this.periods = periods;
        this.successfulCallSeconds = successfulCallSeconds;
        this.processorStores = processorStores;
    }

    public void buildTopology(KStream<String, EventEnvelope<DomainEvent>> events) {
        Map<String, KStream<String, WorkItem>> dealWork = events
                .filter((key, envelope) -> PipelineEvents.holds(envelope, DealEvent.class),
                        Named.as("manager-activity-deal-events"))
                .process(new DealWork(processorStores.apply(DEALS_STORE), periods),
                        Named.as("manager-activity-deal-work"))
                .split(Named.as("manager-activity-deal-"))
                .branch((key, item) -> item.fact() != null, Branched.as("facts"))
                .defaultBranch(Branched.as("deltas"));

        KStream<String, ActivityFact> reported = events
                .filter((key, envelope) -> PipelineEvents.holds(envelope, ActivityEvent.class),
                        Named.as("manager-activity-reported-events"))
                .flatMapValues(ManagerActivityTopology::factsOf, Named.as("manager-activity-reported-facts"));

        KStream<String, ActivityDeltas> activityDeltas = dealWork.get("manager-activity-deal-facts")
                .mapValues(WorkItem::fact, Named.as("manager-activity-logged-facts"))
                .merge(reported, Named.as("manager-activity-facts"))
                .repartition(Repartitioned.<String, ActivityFact>as("manager-activity-by-id")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(JsonSerde.of(ActivityFact.class)))
                .process(new ActivityCounting(processorStores.apply(IDS_STORE), periods, successfulCallSeconds),
                        Named.as("manager-activity-counting"));

        KStream<String, ActivityDeltas> byPerson = dealWork.get("manager-activity-deal-deltas")
                .mapValues(WorkItem::deltas, Named.as("manager-activity-deal-row-deltas"))
                .merge(activityDeltas, Named.as("manager-activity-row-deltas"))
                .repartition(Repartitioned.<String, ActivityDeltas>as("manager-activity-deltas")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(JsonSerde.of(ActivityDeltas.class)));
        ShiftActivities aggregate = new ShiftActivities(processorStores.apply(CELLS_STORE));
        KStream<String, Object> rows = RowsOnCommit.build(byPerson, NAME, aggregate, aggregate.rows(),
                METRICS_STORE, RowsOnCommit.dirtyStoreName(NAME));

        RowsOnCommit.toTopic(rows, ManagerActivity.class, NAME, Topics.METRICS_MANAGER_ACTIVITY,
                JsonSerde.of(ManagerActivity.class));
        // the call-quality family: the same calls, people, shifts and cells, a row of its own on its own topic
        RowsOnCommit.toTopic(rows, CallQuality.class, CALL_QUALITY, Topics.METRICS_CALL_QUALITY,
                JsonSerde.of(CallQuality.class));
    }

    private static Iterable<ActivityFact> factsOf(EventEnvelope<DomainEvent> envelope) {
        var received = PipelineEvents.payload(envelope, ActivityReceived.class).map(ActivityFact::of);
        if (received.isPresent()) {
            return List.of(received.get());
        }
        return PipelineEvents.payload(envelope, ActivityAttached.class).map(ActivityFact::of)
                .map(List::of).orElseGet(List::of);
    }
}
