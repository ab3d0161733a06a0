package dev.salespipeline.analytics.deal;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The one mechanism by which a metric family follows the deals: each change of a deal's state is turned, by the
 * family's rule, into the deal's parts by aggregation key, compared with what the deal was last counted as
 * (kept by deal id), and one {@link Recount} is sent per aggregation key whose part changed, keyed by that key.
 *
 * <p>The parts are the deal's figures before they are spread over owner, channel and period rows: a family
 * that aggregates by a coarse key (the pipeline) gets one record per deal change, and works out the rows it
 * touches where they are aggregated. A state that changes nothing the family counts (a redelivered event, an
 * edited title) sends nothing and writes nothing; a state older than the one last counted (by aggregate
 * sequence) is ignored; a deleted deal takes all its parts out.
 *
 * @param <P> the family's part of a deal under one aggregation key; equal parts count the same
 */
public final class DealRecounts<P> implements ProcessorSupplier<String, DealState, String, Recount<P>> {

    private final KeyValueBytesStoreSupplier store;
    private final Serde<CountedDeal<P>> serde;
    private final Function<DealState, Map<String, P>> rule;

    /**
     * @param store where each deal's counted parts are kept, by deal id
     * @param serde of the counted parts
     * @param rule  the family's definition: a deal's parts by aggregation key, as a pure function of its state
     */
    public DealRecounts(KeyValueBytesStoreSupplier store, Serde<CountedDeal<P>> serde,
                        Function<DealState, Map<String, P>> rule) {
        this.store = store;
        this.serde = serde;
        this.rule = rule;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(store, Serdes.String(), serde).withCachingEnabled());
    }

    @Override
    public Processor<String, DealState, String, Recount<P>> get() {
        return new Processor<>() {
            private ProcessorContext<String, Recount<P>> context;
            private KeyValueStore<String, CountedDeal<P>> counted;

            @Override
            public void init(ProcessorContext<String, Recount<P>> context) {
                this.context = context;
                this.counted = context.getStateStore(store.name());
            }

            @Override
            public void process(Record<String, DealState> record) {
                String dealId = record.key();
                CountedDeal<P> before = counted.get(dealId);
                DealState state = record.value();
                if (before != null && state != null && state.appliedSequence() < before.appliedSequence()) {
                    return;
                }
                Map<String, P> old = before == null ? Map.of() : before.parts();
                Map<String, P> now = state == null ? Map.of() : rule.apply(state);
                if (old.equals(now)) {
                    return;
                }
                Set<String> keys = new LinkedHashSet<>(old.keySet());
                keys.addAll(now.keySet());
                for (String key : keys) {
                    P removed = old.get(key);
                    P added = now.get(key);
                    if (!Objects.equals(removed, added)) {
                        context.forward(record.withKey(key).withValue(new Recount<>(removed, added)));
                    }
                }
                if (now.isEmpty()) {
                    counted.delete(dealId);
                } else {
                    counted.put(dealId, new CountedDeal<>(state.appliedSequence(), now));
                }
            }
        };
    }
}
