package dev.salespipeline.analytics.deal;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

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
 * <p>The input is the deal's state, or what a family reads it with (the deal with its pipeline's definition, say):
 * a change of either that changes the deal's parts is a recount. The parts are the deal's figures before they are spread over owner, channel and period rows: a family
 * that aggregates by a coarse key (the pipeline) gets one record per deal change, and works out the rows it
 * touches where they are aggregated. A state that changes nothing the family counts (a redelivered event, an
 * edited title) sends nothing and writes nothing; a state older than the one last counted (by aggregate
 * sequence) is ignored; a deleted deal takes all its parts out.
 *
 * @param <V> what the family reads each deal as
 * @param <P> the family's part of a deal under one aggregation key; equal parts count the same
 */
public final class DealRecounts<V, P> implements ProcessorSupplier<String, V, String, Recount<P>> {

    private final KeyValueBytesStoreSupplier store;
    private final Serde<CountedDeal<P>> serde;
    private final ToLongFunction<V> sequence;
    private final Function<V, Map<String, P>> rule;

    /**
     * @param store    where each deal's counted parts are kept, by deal id
     * @param serde    of the counted parts
     * @param sequence the aggregate sequence of the deal state the input was worked out from
     * @param rule     the family's definition: a deal's parts by aggregation key, as a pure function of its input
     */
    public DealRecounts(KeyValueBytesStoreSupplier store, Serde<CountedDeal<P>> serde, ToLongFunction<V> sequence,
                        Function<V, Map<String, P>> rule) {
        this.store = store;
        this.serde = serde;
        this.sequence = sequence;
        this.rule = rule;
    }

    /** Recounts of the deal states themselves. */
    public static <P> DealRecounts<DealState, P> ofStates(KeyValueBytesStoreSupplier store,
                                                         Serde<CountedDeal<P>> serde,
                                                         Function<DealState, Map<String, P>> rule) {
        return new DealRecounts<>(store, serde, DealState::appliedSequence, rule);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(store, Serdes.String(), serde).withCachingEnabled());
    }

    @Override
    public Processor<String, V, String, Recount<P>> get() {
        return new Processor<>() {
            private ProcessorContext<String, Recount<P>> context;
            private KeyValueStore<String, CountedDeal<P>> counted;

            @Override
            public void init(ProcessorContext<String, Recount<P>> context) {
                this.context = context;
                this.counted = context.getStateStore(store.name());
            }

            @Override
            public void process(Record<String, V> record) {
                String dealId = record.key();
                if (dealId == null) {
                    return;
                }
                CountedDeal<P> before = counted.get(dealId);
                V state = record.value();
                if (before != null && state != null && sequence.applyAsLong(state) < before.appliedSequence()) {
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
                    counted.put(dealId, new CountedDeal<>(sequence.applyAsLong(state), now));
                }
            }
        };
    }
}
