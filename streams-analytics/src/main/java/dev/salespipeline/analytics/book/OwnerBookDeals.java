package dev.salespipeline.analytics.book;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import dev.salespipeline.analytics.deal.DealState;
import dev.salespipeline.analytics.serde.JsonSerde;

/**
 * Keeps each deal's open tasks and what it counts for in its owner's book (store {@code owner-book-deals}), and
 * sends a delta, keyed by pipeline id, whenever that changes: the deal's entry before is taken out of the
 * books, its entry now put in.
 *
 * <p><b>Changed by events and by the clock.</b> A deal change or a task event works out the deal's entry again at
 * once. A task becomes overdue without any event, so the open deals with a task not yet overdue are watched
 * with the earliest such due time (store {@code owner-book-watched-deals}), and a punctuation on wall-clock
 * time counts again, every scan interval, those whose due time has passed. Only the clock makes a task
 * overdue, and only events make it stop being so. "Now" is the processing context's system time, so that
 * tests can drive it.
 *
 * <p>Task events are folded here, not into the shared deal state (see {@code docs/metrics.md}, "Shared
 * state"): a redelivered task event (at or below the deal's latest applied task sequence) changes nothing, and
 * a deal state older than the one kept is ignored.
 */
final class OwnerBookDeals implements ProcessorSupplier<String, BookSignal, String, BookInput> {

    private final KeyValueBytesStoreSupplier store;
    private final KeyValueBytesStoreSupplier watchedStore;
    private final Duration scanInterval;

    OwnerBookDeals(KeyValueBytesStoreSupplier store, KeyValueBytesStoreSupplier watchedStore, Duration scanInterval) {
        this.store = store;
        this.watchedStore = watchedStore;
        this.scanInterval = Objects.requireNonNull(scanInterval, "scanInterval");
        if (scanInterval.isNegative() || scanInterval.isZero()) {
            throw new IllegalArgumentException("scanInterval must be positive: " + scanInterval);
        }
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(store, Serdes.String(), JsonSerde.of(BookDeal.class))
                .withCachingEnabled(),
                Stores.keyValueStoreBuilder(watchedStore, Serdes.String(), JsonSerde.of(Instant.class))
                        .withCachingEnabled());
    }

    @Override
    public Processor<String, BookSignal, String, BookInput> get() {
        return new Processor<>() {
            private ProcessorContext<String, BookInput> context;
            private KeyValueStore<String, BookDeal> deals;
            /** Open deals with an open task not yet overdue, with the earliest such due time, by deal id. */
            private KeyValueStore<String, Instant> watched;

            @Override
            public void init(ProcessorContext<String, BookInput> context) {
                this.context = context;
                this.deals = context.getStateStore(store.name());
                this.watched = context.getStateStore(watchedStore.name());
                context.schedule(scanInterval, PunctuationType.WALL_CLOCK_TIME,
                        timestamp -> scan(Instant.ofEpochMilli(timestamp)));
            }

            @Override
            public void process(Record<String, BookSignal> record) {
                BookSignal signal = record.value();
                if (record.key() == null || signal == null) {
                    return;
                }
                BookDeal before = deals.get(record.key());
                BookDeal deal = before == null ? BookDeal.empty(record.key()) : before;
                if (signal.task() != null) {
                    deal = deal.withTask(signal.task());
                } else {
                    DealState state = signal.deal();
                    if (state != null && deal.state() != null
                            && state.appliedSequence() < deal.state().appliedSequence()) {
                        return;
                    }
                    deal = deal.withState(DealFacts.of(state));
                }
                Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
                deal = recount(deal, deal.entryAt(now), record.timestamp());
                if (!deal.equals(before)) {
                    deals.put(deal.dealId(), deal);
                }
                watch(deal, now);
            }

            /** Keeps the deal watched by the scan while it is open with a task that is not overdue yet. */
            private void watch(BookDeal deal, Instant now) {
                Instant next = deal.nextDueAt(now);
                Instant before = watched.get(deal.dealId());
                if (next == null) {
                    if (before != null) {
                        watched.delete(deal.dealId());
                    }
                } else if (!next.equals(before)) {
                    watched.put(deal.dealId(), next);
                }
            }

            /** Sends the deltas from the deal's counted entry to {@code now}, and returns the deal counted so. */
            private BookDeal recount(BookDeal deal, DealEntry now, long timestamp) {
                DealEntry before = deal.counted();
                if (Objects.equals(before, now)) {
                    return deal;
                }
                if (before != null && now != null && !before.pipelineId().equals(now.pipelineId())) {
                    send(new BookDelta(before, null), timestamp);
                    send(new BookDelta(null, now), timestamp);
                } else {
                    send(new BookDelta(before, now), timestamp);
                }
                return deal.withCounted(now);
            }

            /** Counts again the watched deals of which a task has come due since it was last counted. */
            private void scan(Instant now) {
                List<String> due = new ArrayList<>();
                try (KeyValueIterator<String, Instant> all = watched.all()) {
                    while (all.hasNext()) {
                        KeyValue<String, Instant> entry = all.next();
                        if (entry.value.isBefore(now)) {
                            due.add(entry.key);
                        }
                    }
                }
                // sent and written after the scan, not while iterating over the store
                for (String dealId : due) {
                    BookDeal deal = deals.get(dealId);
                    if (deal == null) {
                        watched.delete(dealId);
                        continue;
                    }
                    BookDeal counted = recount(deal, deal.entryAt(now), now.toEpochMilli());
                    if (!counted.equals(deal)) {
                        deals.put(dealId, counted);
                    }
                    watch(counted, now);
                }
            }

            private void send(BookDelta delta, long timestamp) {
                context.forward(new Record<>(delta.pipelineId(), BookInput.of(delta), timestamp));
            }
        };
    }
}
