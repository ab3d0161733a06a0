package dev.salespipeline.analytics.activity;

import java.util.Objects;
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
import dev.salespipeline.analytics.time.CompanyPeriods;

/**
 * Counts each call and email id once. Keyed by the id, it gathers what the report of an outside system, an
 * attachment, the logging on a deal and the client's opening say about it ({@link ActivityLedger}, store
 * {@code manager-activity-ids}), and sends the difference between the cells the id counted in before and the
 * cells it counts in now. An ingested call seen as {@code ActivityReceived} and again as {@code CallLogged} counts once,
 * for the rep the report names, in whichever order the two arrive; a fact already known sends nothing.
 */
final class ActivityCounting implements ProcessorSupplier<String, ActivityFact, String, ActivityDeltas> {

    private final KeyValueBytesStoreSupplier store;
    private final CompanyPeriods periods;
    private final long successfulCallSeconds;

    ActivityCounting(KeyValueBytesStoreSupplier store, CompanyPeriods periods, long successfulCallSeconds) {
        this.store = store;
        this.periods = periods;
        this.successfulCallSeconds = successfulCallSeconds;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(store, Serdes.String(), JsonSerde.of(ActivityLedger.class))
                .withCachingEnabled());
    }

    @Override
    public Processor<String, ActivityFact, String, ActivityDeltas> get() {
        return new Processor<>() {
            private ProcessorContext<String, ActivityDeltas> context;
            private KeyValueStore<String, ActivityLedger> ledgers;

            @Override
            public void init(ProcessorContext<String, ActivityDeltas> context) {
                this.context = context;
                this.ledgers = context.getStateStore(store.name());
            }

            @Override
            public void process(Record<String, ActivityFact> record) {
                if (record.key() == null || record.value() == null) {
                    return;
                }
                ActivityLedger stored = ledgers.get(record.key());
                ActivityLedger before = stored == null ? ActivityLedger.EMPTY : stored;
                ActivityLedger now = before.with(record.value());
                if (Objects.equals(before, now)) {
                    return;
                }
                for (ActivityDeltas deltas : ActivityDeltas.byPerson(ShiftCells.difference(
                        before.cells(periods, successfulCallSeconds), now.cells(periods, successfulCallSeconds)))) {
                    context.forward(record.withKey(deltas.personId()).withValue(deltas));
                }
                ledgers.put(record.key(), now);
            }
        };
    }
}
