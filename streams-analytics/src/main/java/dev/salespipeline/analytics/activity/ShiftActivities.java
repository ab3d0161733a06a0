package dev.salespipeline.analytics.activity;

import java.util.Set;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.api.metrics.ManagerActivity;

/**
 * A person's rows, on the partition of the person: each change of the person's rows is added to the row (store
 * {@value ManagerActivityTopology#METRICS_STORE}) and the row passed on as its published record, which
 * {@link dev.salespipeline.analytics.deal.LatestRows} writes to the topic once per commit. Rows are passed on with
 * the task's stream time, which only grows.
 */
final class ShiftActivities implements ProcessorSupplier<String, ActivityDeltas, String, ManagerActivity> {

    private final KeyValueBytesStoreSupplier store;

    ShiftActivities(KeyValueBytesStoreSupplier store) {
        this.store = store;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(store, Serdes.String(), JsonSerde.of(ShiftActivity.class))
                .withCachingEnabled());
    }

    @Override
    public Processor<String, ActivityDeltas, String, ManagerActivity> get() {
        return new Processor<>() {
            private ProcessorContext<String, ManagerActivity> context;
            private KeyValueStore<String, ShiftActivity> rows;

            @Override
            public void init(ProcessorContext<String, ManagerActivity> context) {
                this.context = context;
                this.rows = context.getStateStore(store.name());
            }

            @Override
            public void process(Record<String, ActivityDeltas> record) {
                if (record.value() == null) {
                    return;
                }
                Record<String, ManagerActivity> out = record.<ManagerActivity>withValue(null)
                        .withTimestamp(context.currentStreamTimeMs());
                for (ActivityDelta delta : record.value().deltas()) {
                    String key = delta.key();
                    ShiftActivity row = ShiftActivity.apply(rows.get(key), delta);
                    rows.put(key, row);
                    context.forward(out.withKey(key).withValue(row.metric()));
                }
            }
        };
    }
}
