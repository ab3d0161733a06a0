package dev.salespipeline.analytics.velocity;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

import dev.salespipeline.analytics.deal.DealState;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.time.CompanyPeriods;

/**
 * Turns each change of a deal's state into deltas per figure of the velocity family: the figure loses what
 * the deal counted for before and gains what it counts for now.
 *
 * <p>The figures each deal was last counted as are kept by deal id (store {@code velocity-deal-figures}),
 * compactly, before they are spread over owner, channel and period rows; the contributions sent before are
 * worked out again from them. Only contributions that changed get a delta, so a state that changes nothing
 * here (a redelivered event, an edited title) sends nothing, and a completed interval is counted once. A
 * state older than the one last counted (by aggregate sequence) is ignored.
 */
final class VelocityDeltas implements ProcessorSupplier<String, DealState, String, VelocityDelta> {

    private final KeyValueBytesStoreSupplier store;
    private final CompanyPeriods periods;

    VelocityDeltas(KeyValueBytesStoreSupplier store, CompanyPeriods periods) {
        this.store = store;
        this.periods = periods;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(store, Serdes.String(),
                JsonSerde.of(DealFigures.class)).withCachingEnabled());
    }

    @Override
    public Processor<String, DealState, String, VelocityDelta> get() {
        return new Processor<>() {
            private ProcessorContext<String, VelocityDelta> context;
            private KeyValueStore<String, DealFigures> counted;

            @Override
            public void init(ProcessorContext<String, VelocityDelta> context) {
                this.context = context;
                this.counted = context.getStateStore(store.name());
            }

            @Override
            public void process(Record<String, DealState> record) {
                String dealId = record.key();
                DealFigures before = counted.get(dealId);
                DealState state = record.value();
                if (before != null && state != null && state.appliedSequence() < before.appliedSequence()) {
                    return;
                }
                DealFigures now = state == null ? null : DealFigures.of(state, periods);
                if (Objects.equals(before, now)) {
                    return;
                }
                Map<String, VelocityContribution> old = bySlot(VelocityContributions.of(before));
                Map<String, VelocityContribution> current = bySlot(VelocityContributions.of(now));
                Set<String> slots = new LinkedHashSet<>(old.keySet());
                slots.addAll(current.keySet());
                for (String slot : slots) {
                    VelocityContribution removed = old.get(slot);
                    VelocityContribution added = current.get(slot);
                    if (!Objects.equals(removed, added)) {
                        VelocityDelta delta = new VelocityDelta(removed, added);
                        context.forward(record.withKey(delta.any().aggregateKey()).withValue(delta));
                    }
                }
                if (now == null) {
                    counted.delete(dealId);
                } else {
                    counted.put(dealId, now);
                }
            }
        };
    }

    private static Map<String, VelocityContribution> bySlot(List<VelocityContribution> contributions) {
        Map<String, VelocityContribution> bySlot = new LinkedHashMap<>();
        contributions.forEach(contribution -> bySlot.put(contribution.slot(), contribution));
        return bySlot;
    }
}
