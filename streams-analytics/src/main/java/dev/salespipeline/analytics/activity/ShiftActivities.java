package dev.salespipeline.analytics.activity;

import java.util.Set;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import dev.salespipeline.analytics.deal.RowsOnCommit;
import dev.salespipeline.analytics.serde.JsonSerde;

/**
 * A person's rows, on the partition of the person: each change of the person's rows is added to the row (store
 * {@value ManagerActivityTopology#METRICS_STORE}) and the row marked dirty; {@link #rows()} sends each changed row,
 * as its published record, once per commit ({@link RowsOnCommit}).
 */
final class ShiftActivities implements FixedKeyProcessorSupplier<String, ActivityDeltas, Long> {

    private static final String ROW = "M";

    private final KeyValueBytesStoreSupplier store;

    ShiftActivities(KeyValueBytesStoreSupplier store) {
        this.store = store;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(store, Serdes.String(), JsonSerde.of(ShiftActivity.class))
                .withCachingEnabled(), RowsOnCommit.dirtyStore(ManagerActivityTopology.NAME));
    }

    @Override
    public FixedKeyProcessor<String, ActivityDeltas, Long> get() {
        return new FixedKeyProcessor<>() {
            private FixedKeyProcessorContext<String, Long> context;
            private KeyValueStore<String, ShiftActivity> rows;
            private KeyValueStore<String, String> dirty;

            @Override
            public void init(FixedKeyProcessorContext<String, Long> context) {
                this.context = context;
                this.rows = context.getStateStore(store.name());
                this.dirty = context.getStateStore(RowsOnCommit.dirtyStoreName(ManagerActivityTopology.NAME));
            }

            @Override
            public void process(FixedKeyRecord<String, ActivityDeltas> record) {
                if (record.key() == null || record.value() == null || record.value().deltas().isEmpty()) {
                    return;
                }
                for (ActivityDelta delta : record.value().deltas()) {
                    String key = delta.key();
                    rows.put(key, ShiftActivity.apply(rows.get(key), delta));
                    RowsOnCommit.mark(dirty, record.key(), ROW, key);
                }
                context.forward(RowsOnCommit.signal(record, context));
            }
        };
    }

    /** Sends the person's rows marked dirty since the last commit, as they are now. */
    ProcessorSupplier<String, Long, String, Object> rows() {
        return () -> new Processor<>() {
            private ProcessorContext<String, Object> context;
            private KeyValueStore<String, ShiftActivity> rows;
            private KeyValueStore<String, String> dirty;

            @Override
            public void init(ProcessorContext<String, Object> context) {
                this.context = context;
                this.rows = context.getStateStore(store.name());
                this.dirty = context.getStateStore(RowsOnCommit.dirtyStoreName(ManagerActivityTopology.NAME));
            }

            @Override
            public void process(Record<String, Long> record) {
                if (record.key() == null) {
                    return;
                }
                Record<String, Object> out = record.withValue(null);
                RowsOnCommit.drain(dirty, record.key(),
                        (kind, row) -> context.forward(out.withKey(row).withValue(rows.get(row).metric())));
            }
        };
    }
}
