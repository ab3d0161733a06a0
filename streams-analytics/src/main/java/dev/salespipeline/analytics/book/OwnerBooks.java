package dev.salespipeline.analytics.book;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import dev.salespipeline.analytics.deal.RowsOnCommit;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.metrics.DealSize;
import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.OwnerBook;
import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.metrics.StageAge;

/**
 * The owner books of the pipelines of one partition, from the deals' deltas and the pipelines' stage orders,
 * both keyed by pipeline id: the open book of every cut (pipeline, owner or all, channel or all) now, the
 * deal-size rows per period and currency, and each pipeline's stage order for the bottleneck's tie-break.
 *
 * <p><b>Present figures in today's row.</b> Open deals, those without a next action, overdue tasks, the
 * bottleneck and the open deals' amounts are figures of the present. Each change is written to the row of the
 * company's current day by the wall clock (and, for the open amounts, of the current week, month and quarter),
 * so the row of a day that is over keeps the figures as they were last written in it: as they stood at its
 * end. When the day changes, a punctuation writes every cut's figures to the new day's rows, changed or not.
 *
 * <p>Won deals count in the rows of the period of the win, in business time.
 *
 * <p><b>Rows once per commit.</b> A change updates the stores and marks the rows it changed as dirty;
 * {@link #rows()} sends each dirty row, as it stands then, once per commit ({@link RowsOnCommit}), however many of
 * the pipeline's deals changed it in between. An owner-book row is marked with the day it was changed in, so a
 * change made before midnight goes to that day's row even when it is sent after midnight.
 */
final class OwnerBooks implements FixedKeyProcessorSupplier<String, BookInput, Long> {

    static final String BOOK = "B";
    static final String SIZE = "S";

    private static final String PUBLISHED_DAY = "day";

    private final KeyValueBytesStoreSupplier countsStore;
    private final KeyValueBytesStoreSupplier dealSizeStore;
    private final KeyValueBytesStoreSupplier stageOrderStore;
    private final KeyValueBytesStoreSupplier publishedStore;
    private final CompanyPeriods periods;
    private final Duration scanInterval;

    OwnerBooks(KeyValueBytesStoreSupplier countsStore, KeyValueBytesStoreSupplier dealSizeStore,
               KeyValueBytesStoreSupplier stageOrderStore, KeyValueBytesStoreSupplier publishedStore,
               CompanyPeriods periods, Duration scanInterval) {
        this.countsStore = countsStore;
        this.dealSizeStore = dealSizeStore;
        this.stageOrderStore = stageOrderStore;
        this.publishedStore = publishedStore;
        this.periods = periods;
        this.scanInterval = scanInterval;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(
                Stores.keyValueStoreBuilder(countsStore, Serdes.String(), JsonSerde.of(BookCounts.class))
                        .withCachingEnabled(),
                Stores.keyValueStoreBuilder(dealSizeStore, Serdes.String(), JsonSerde.of(DealSizeFigures.class))
                        .withCachingEnabled(),
                Stores.keyValueStoreBuilder(stageOrderStore, Serdes.String(), JsonSerde.of(StageOrder.class))
                        .withCachingEnabled(),
                Stores.keyValueStoreBuilder(publishedStore, Serdes.String(), Serdes.String()).withCachingEnabled(),
                RowsOnCommit.dirtyStore(OwnerBookTopology.NAME));
    }

    /** The stores {@link #rows()} reads and writes besides its own. */
    String[] rowStores() {
        return new String[] {countsStore.name(), dealSizeStore.name(), stageOrderStore.name(), publishedStore.name(),
                RowsOnCommit.dirtyStoreName(OwnerBookTopology.NAME)};
    }

    @Override
    public FixedKeyProcessor<String, BookInput, Long> get() {
        return new Books();
    }

    /** Updates the books and marks the rows changed. */
    private final class Books implements FixedKeyProcessor<String, BookInput, Long> {

        private FixedKeyProcessorContext<String, Long> context;
        private KeyValueStore<String, BookCounts> counts;
        private KeyValueStore<String, DealSizeFigures> dealSizes;
        private KeyValueStore<String, StageOrder> stageOrders;
        private KeyValueStore<String, String> published;
        private KeyValueStore<String, String> dirty;
        /** Whether a day has been published: once one has, a new day only replaces it. */
        private boolean dayPublished;

        @Override
        public void init(FixedKeyProcessorContext<String, Long> context) {
            this.context = context;
            this.counts = context.getStateStore(countsStore.name());
            this.dealSizes = context.getStateStore(dealSizeStore.name());
            this.stageOrders = context.getStateStore(stageOrderStore.name());
            this.published = context.getStateStore(publishedStore.name());
            this.dirty = context.getStateStore(RowsOnCommit.dirtyStoreName(OwnerBookTopology.NAME));
        }

        @Override
        public void process(FixedKeyRecord<String, BookInput> record) {
            BookInput input = record.value();
            if (record.key() == null || input == null) {
                return;
            }
            Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
            if (!dayPublished) {
                if (published.get(PUBLISHED_DAY) == null) {
                    // the first rows are being written: they are today's, and a new day republishes them
                    published.put(PUBLISHED_DAY, periods.date(now).toString());
                }
                dayPublished = true;
            }
            boolean changed;
            if (input.stageOrder() != null) {
                changed = stagesReordered(record.key(), input.stageOrder(), now);
            } else {
                changed = input.delta() != null && dealChanged(record.key(), input.delta(), now);
            }
            if (changed) {
                context.forward(RowsOnCommit.signal(record, context));
            }
        }

        private boolean dealChanged(String pipelineId, BookDelta delta, Instant now) {
            boolean changed = false;
            String today = periods.label(PeriodType.DAY, now);
            Map<String, BookCounts> before = new LinkedHashMap<>();
            Map<String, BookCounts> after = new LinkedHashMap<>();
            applyOpen(delta.removed(), -1, before, after);
            applyOpen(delta.added(), 1, before, after);

            Map<String, DealSizeFigures> rowsBefore = new LinkedHashMap<>();
            Map<String, DealSizeFigures> rowsAfter = new LinkedHashMap<>();
            List<String> order = order(delta.pipelineId());
            for (Map.Entry<String, BookCounts> cut : after.entrySet()) {
                BookCounts was = before.get(cut.getKey());
                BookCounts is = cut.getValue();
                if (is.equals(was)) {
                    continue;
                }
                if (is.empty()) {
                    counts.delete(cut.getKey());
                } else {
                    counts.put(cut.getKey(), is);
                }
                if (!is.metric(today, order, now).equals(was.metric(today, order, now))) {
                    markBook(pipelineId, is, today);
                    changed = true;
                }
                Set<String> currencies = new TreeSet<>(was.open().keySet());
                currencies.addAll(is.open().keySet());
                for (String currency : currencies) {
                    if (!was.openIn(currency).sameAs(is.openIn(currency))) {
                        for (PeriodType type : PeriodType.values()) {
                            MetricKey key = new MetricKey(is.pipelineId(), is.ownerId(), is.sourceChannel(), type,
                                    periods.label(type, now));
                            String rowKey = DealSize.key(key, currency);
                            DealSizeFigures figures = row(rowKey, key, currency, rowsBefore, rowsAfter);
                            rowsAfter.put(rowKey, figures.withOpen(is.openIn(currency), now));
                        }
                    }
                }
            }
            applyWon(delta.removed(), -1, now, rowsBefore, rowsAfter);
            applyWon(delta.added(), 1, now, rowsBefore, rowsAfter);
            for (Map.Entry<String, DealSizeFigures> row : rowsAfter.entrySet()) {
                DealSizeFigures is = row.getValue();
                if (is.sameFiguresAs(rowsBefore.get(row.getKey()))) {
                    continue;
                }
                if (is.won().empty() && is.open().empty()) {
                    dealSizes.delete(row.getKey());
                } else {
                    dealSizes.put(row.getKey(), is);
                }
                RowsOnCommit.mark(dirty, pipelineId, SIZE, row.getKey());
                changed = true;
            }
            return changed;
        }

        private void applyOpen(DealEntry entry, int by, Map<String, BookCounts> before,
                               Map<String, BookCounts> after) {
            if (entry == null || !entry.open()) {
                return;
            }
            for (String owner : new String[] {entry.ownerId(), null}) {
                for (String channel : new String[] {entry.sourceChannel(), null}) {
                    String key = StageAge.key(entry.pipelineId(), owner, channel);
                    BookCounts current = after.get(key);
                    if (current == null) {
                        current = counts.get(key);
                        if (current == null) {
                            current = BookCounts.empty(entry.pipelineId(), owner, channel);
                        }
                        before.put(key, current);
                    }
                    after.put(key, current.with(entry, by));
                }
            }
        }

        private void applyWon(DealEntry entry, int by, Instant now, Map<String, DealSizeFigures> rowsBefore,
                              Map<String, DealSizeFigures> rowsAfter) {
            if (entry == null || entry.open()) {
                return;
            }
            String currency = entry.amount().currency();
            for (String owner : new String[] {entry.ownerId(), null}) {
                for (String channel : new String[] {entry.sourceChannel(), null}) {
                    for (PeriodType type : PeriodType.values()) {
                        String period = periods.label(type, entry.wonAt());
                        MetricKey key = new MetricKey(entry.pipelineId(), owner, channel, type, period);
                        String rowKey = DealSize.key(key, currency);
                        DealSizeFigures figures = row(rowKey, key, currency, rowsBefore, rowsAfter).withWon(entry, by);
                        if (period.equals(periods.label(type, now)) && figures.openAsOf() == null) {
                            // a row of a period under way that has not had the open deals yet
                            BookCounts cut = counts.get(StageAge.key(entry.pipelineId(), owner, channel));
                            if (cut != null && !cut.openIn(currency).empty()) {
                                figures = figures.withOpen(cut.openIn(currency), now);
                            }
                        }
                        rowsAfter.put(rowKey, figures);
                    }
                }
            }
        }

        private DealSizeFigures row(String rowKey, MetricKey key, String currency,
                                    Map<String, DealSizeFigures> rowsBefore, Map<String, DealSizeFigures> rowsAfter) {
            DealSizeFigures figures = rowsAfter.get(rowKey);
            if (figures == null) {
                figures = dealSizes.get(rowKey);
                rowsBefore.put(rowKey, figures);
                if (figures == null) {
                    figures = DealSizeFigures.empty(key, currency);
                }
            }
            return figures;
        }

        private boolean stagesReordered(String pipelineId, List<String> stageIds, Instant now) {
            StageOrder before = stageOrders.get(pipelineId);
            StageOrder after = new StageOrder(stageIds);
            if (after.equals(before)) {
                return false;
            }
            boolean changed = false;
            stageOrders.put(pipelineId, after);
            String today = periods.label(PeriodType.DAY, now);
            List<String> oldOrder = before == null ? null : before.stageIds();
            try (KeyValueIterator<String, BookCounts> cuts = counts.prefixScan(pipelineId + "|",
                    Serdes.String().serializer())) {
                while (cuts.hasNext()) {
                    BookCounts cut = cuts.next().value;
                    if (!Objects.equals(cut.bottleneck(oldOrder), cut.bottleneck(after.stageIds()))) {
                        markBook(pipelineId, cut, today);
                        changed = true;
                    }
                }
            }
            return changed;
        }

        private void markBook(String pipelineId, BookCounts cut, String day) {
            MetricKey key = new MetricKey(cut.pipelineId(), cut.ownerId(), cut.sourceChannel(), PeriodType.DAY, day);
            RowsOnCommit.mark(dirty, pipelineId, BOOK, key.asString());
        }

        private List<String> order(String pipelineId) {
            StageOrder order = stageOrders.get(pipelineId);
            return order == null ? null : order.stageIds();
        }
    }

    /**
     * Sends the dirty rows of a pipeline as they stand, and on a new day every cut's present figures to the new
     * day's rows.
     */
    ProcessorSupplier<String, Long, String, Object> rows() {
        return () -> new Rows();
    }

    private final class Rows implements Processor<String, Long, String, Object> {

        private ProcessorContext<String, Object> context;
        private KeyValueStore<String, BookCounts> counts;
        private KeyValueStore<String, DealSizeFigures> dealSizes;
        private KeyValueStore<String, StageOrder> stageOrders;
        private KeyValueStore<String, String> published;
        private KeyValueStore<String, String> dirty;

        @Override
        public void init(ProcessorContext<String, Object> context) {
            this.context = context;
            this.counts = context.getStateStore(countsStore.name());
            this.dealSizes = context.getStateStore(dealSizeStore.name());
            this.stageOrders = context.getStateStore(stageOrderStore.name());
            this.published = context.getStateStore(publishedStore.name());
            this.dirty = context.getStateStore(RowsOnCommit.dirtyStoreName(OwnerBookTopology.NAME));
            context.schedule(scanInterval, PunctuationType.WALL_CLOCK_TIME,
                    timestamp -> newDay(Instant.ofEpochMilli(timestamp)));
        }

        @Override
        public void process(Record<String, Long> record) {
            String pipelineId = record.key();
            if (pipelineId == null) {
                return;
            }
            Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
            RowsOnCommit.drain(dirty, pipelineId, (kind, row) -> {
                if (BOOK.equals(kind)) {
                    MetricKey key = MetricKey.parse(row);
                    BookCounts cut = counts.get(StageAge.key(key.pipelineId(), key.ownerId(), key.sourceChannel()));
                    if (cut == null) {
                        cut = BookCounts.empty(key.pipelineId(), key.ownerId(), key.sourceChannel());
                    }
                    sendBook(cut.metric(key.period(), order(key.pipelineId()), now));
                } else {
                    DealSizeFigures figures = dealSizes.get(row);
                    if (figures == null) {
                        int currency = row.lastIndexOf('|');
                        figures = DealSizeFigures.empty(MetricKey.parse(row.substring(0, currency)),
                                row.substring(currency + 1));
                    }
                    sendSize(figures);
                }
            });
        }

        /** On a new day, every cut's present figures go to the new day's rows, and the open amounts to new periods'. */
        private void newDay(Instant now) {
            LocalDate today = periods.date(now);
            String last = published.get(PUBLISHED_DAY);
            if (last == null || today.toString().equals(last)) {
                return;
            }
            published.put(PUBLISHED_DAY, today.toString());
            LocalDate lastDay = LocalDate.parse(last);
            String day = PeriodType.DAY.label(today);
            Map<String, DealSizeFigures> rows = new LinkedHashMap<>();
            try (KeyValueIterator<String, BookCounts> cuts = counts.all()) {
                while (cuts.hasNext()) {
                    KeyValue<String, BookCounts> entry = cuts.next();
                    BookCounts cut = entry.value;
                    sendBook(cut.metric(day, order(cut.pipelineId()), now));
                    for (Map.Entry<String, AmountSum> open : cut.open().entrySet()) {
                        for (PeriodType type : PeriodType.values()) {
                            if (type.label(today).equals(type.label(lastDay))) {
                                continue;
                            }
                            MetricKey key = new MetricKey(cut.pipelineId(), cut.ownerId(), cut.sourceChannel(), type,
                                    type.label(today));
                            rows.put(DealSize.key(key, open.getKey()),
                                    DealSizeFigures.empty(key, open.getKey()).withOpen(open.getValue(), now));
                        }
                    }
                }
            }
            // written after the scan, not while iterating over the store
            for (Map.Entry<String, DealSizeFigures> row : rows.entrySet()) {
                DealSizeFigures stored = dealSizes.get(row.getKey());
                DealSizeFigures figures = stored == null ? row.getValue()
                        : stored.withOpen(row.getValue().open(), now);
                dealSizes.put(row.getKey(), figures);
                sendSize(figures);
            }
        }

        private List<String> order(String pipelineId) {
            StageOrder order = stageOrders.get(pipelineId);
            return order == null ? null : order.stageIds();
        }

        private void sendBook(OwnerBook row) {
            MetricKey key = new MetricKey(row.pipelineId(), row.ownerId(), row.sourceChannel(), row.periodType(),
                    row.period());
            context.forward(new Record<>(key.asString(), row, row.asOf().toEpochMilli()));
        }

        private void sendSize(DealSizeFigures figures) {
            context.forward(new Record<>(DealSize.key(figures.key(), figures.currency()), figures.metric(),
                    context.currentSystemTimeMs()));
        }
    }
}
