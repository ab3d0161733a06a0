package dev.salespipeline.analytics.book;

import java.time.Duration;
import java.util.function.Function;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

import dev.salespipeline.analytics.deal.DealTables;
import dev.salespipeline.analytics.deal.RowsOnCommit;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.metrics.DealSize;
import dev.salespipeline.api.metrics.OwnerBook;
import dev.salespipeline.api.pipeline.StageDefinition;

/**
 * The owner's book of deals, what a manager sees of each owner's deals per pipeline: the open deals, those
 * without a next action, the overdue tasks and the bottleneck stage, as a snapshot in the row of the company's
 * current day ({@link Topics#METRICS_OWNER_BOOK}); and the average deal size per currency, of the deals won in
 * each period and of the open deals ({@link Topics#METRICS_DEAL_SIZE}). Definitions: {@code docs/metrics.md},
 * "Owner's book and average deal size".
 *
 * <pre>
 * deal-state ----------------+
 *                            +--&gt; owner-book-deal-entries --+
 * task events (by deal id) --+     stores owner-book-deals,  |
 *                                  owner-book-watched-deals; |
 *                                  scan: tasks coming due    +--repartition by pipeline id--&gt;
 * pipeline-definitions --&gt; stage order ----------------------+
 *
 *   owner-book-aggregate-cells --&gt; owner-book-aggregate-signals --&gt; owner-book-aggregate-rows --&gt;
 *     stores owner-book-counts,         (one per pipeline   scan: a new day     owner-book topic,
 *     deal-size-rows, owner-book-stage-  and commit)                            deal-size topic
 *     orders, owner-book-published-day,
 *     owner-book-aggregate-dirty-rows
 * </pre>
 *
 * <p>Task events are not in the shared deal state; the open tasks are folded per deal here, next to the deal's
 * state, on the source topic's partitions. The deals' entries and the stage orders then meet per pipeline, so
 * that a reordered pipeline is one record that re-ranks the bottleneck of every owner at once, instead of a row
 * per deal through the deal-with-definition join; and the rows of all owners of a pipeline are where the row of
 * all owners is anyway.
 */
public final class OwnerBookTopology {

    /** Each deal's state, open tasks and the entry it counts as, by deal id. */
    public static final String DEALS_STORE = "owner-book-deals";

    /** The open deals with a task not yet overdue, with the earliest such due time, by deal id. */
    public static final String WATCHED_STORE = "owner-book-watched-deals";

    /** The open book of each cut ({@code pipelineId|ownerId or *|sourceChannel or *}) now. */
    public static final String COUNTS_STORE = "owner-book-counts";

    /** Deal-size rows by {@link DealSize#key}. */
    public static final String DEAL_SIZE_STORE = "deal-size-rows";

    /** Each pipeline's current stage order, by pipeline id. */
    public static final String STAGE_ORDER_STORE = "owner-book-stage-orders";

    /** The company's day whose rows were last written in full. */
    public static final String PUBLISHED_DAY_STORE = "owner-book-published-day";

    /** The prefix of the family's aggregating processors and stores of {@link RowsOnCommit}. */
    public static final String NAME = "owner-book-aggregate";

    public static final Duration DEFAULT_SCAN_INTERVAL = Duration.ofMinutes(1);

    private static final JsonSerde<BookInput> INPUT = JsonSerde.of(BookInput.class);

    private final CompanyPeriods periods;
    private final Duration scanInterval;
    private final Function<String, KeyValueBytesStoreSupplier> processorStores;

    /**
     * @param scanInterval how often, in wall-clock time, the open tasks are checked for due times passed and the
     *                     day for a change
     */
    public OwnerBookTopology(CompanyPeriods periods, Duration scanInterval) {
        this(periods, scanInterval, Stores::persistentKeyValueStore);
    }

    /** With the given kind of store for the family's own processors (in memory for tests). */
    OwnerBookTopology(CompanyPeriods periods, Duration scanInterval,
                      Function<String, KeyValueBytesStoreSupplier> processorStores) {
        this.periods = periods;
        this.scanInterval = scanInterval;
        this.processorStores = processorStores;
    }

    public void buildTopology(KStream<String, EventEnvelope<DomainEvent>> events, DealTables tables) {
        KStream<String, BookSignal> tasks = events
                .flatMapValues(envelope -> TaskChange.of(envelope).map(BookSignal::task).stream().toList(),
                        Named.as("owner-book-task-events"));
        KStream<String, BookInput> stageOrders = tables.pipelineDefinitions()
                .toStream(Named.as("owner-book-pipeline-changes"))
                .filter((pipelineId, state) -> state != null, Named.as("owner-book-defined-pipelines"))
                .mapValues(state -> BookInput.order(state.definition().stages().stream()
                        .map(StageDefinition::stageId).toList()), Named.as("owner-book-stage-order"));

        KStream<String, BookInput> byPipeline = tables.dealState()
                .toStream(Named.as("owner-book-deal-changes"))
                .mapValues(BookSignal::dealChanged, Named.as("owner-book-deal-signals"))
                .merge(tasks, Named.as("owner-book-signals"))
                .process(new OwnerBookDeals(processorStores.apply(DEALS_STORE),
                        processorStores.apply(WATCHED_STORE), scanInterval),
                        Named.as("owner-book-deal-entries"))
                .merge(stageOrders, Named.as("owner-book-inputs"))
                .repartition(Repartitioned.<String, BookInput>as("owner-book-by-pipeline")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(INPUT));
        OwnerBooks books = new OwnerBooks(processorStores.apply(COUNTS_STORE), processorStores.apply(DEAL_SIZE_STORE),
                processorStores.apply(STAGE_ORDER_STORE), processorStores.apply(PUBLISHED_DAY_STORE), periods,
                scanInterval);
        KStream<String, Object> rows = RowsOnCommit.build(byPipeline, NAME, books, books.rows(), books.rowStores());
        RowsOnCommit.toTopic(rows, OwnerBook.class, "owner-book", Topics.METRICS_OWNER_BOOK,
                JsonSerde.of(OwnerBook.class));
        RowsOnCommit.toTopic(rows, DealSize.class, "deal-size", Topics.METRICS_DEAL_SIZE,
                JsonSerde.of(DealSize.class));
    }
}
