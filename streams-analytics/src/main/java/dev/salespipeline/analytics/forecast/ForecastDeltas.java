package dev.salespipeline.analytics.forecast;

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

import dev.salespipeline.analytics.deal.DealInPipeline;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.time.CompanyPeriods;

/**
 * Turns each change of a deal, or of its pipeline's definition, into deltas of the forecast figures: each figure
 * loses what the deal counted for before and gains what it counts for now.
 *
 * <p>What each deal was last counted as is kept by deal id (store {@value ForecastTopology#DEALS_STORE}); only
 * contributions that changed get a delta, so a redelivered event or a definition change that leaves the deal's
 * probability as it was sends nothing. A deal state older than the one last counted (by aggregate sequence) is
 * ignored; a definition change keeps the sequence and is applied.
 */
final class ForecastDeltas implements ProcessorSupplier<String, DealInPipeline, String, ForecastDelta> {

    private final KeyValueBytesStoreSupplier store;
    private final CompanyPeriods periods;

    ForecastDeltas(KeyValueBytesStoreSupplier store, CompanyPeriods periods) {
        this.store = store;
        this.periods = periods;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(store, Serdes.String(), JsonSerde.of(ForecastDeal.class))
                .withCachingEnabled());
    }

    @Override
    public Processor<String, DealInPipeline, String, ForecastDelta> get() {
        return new Processor<>() {
            private ProcessorContext<String, ForecastDelta> context;
            private KeyValueStore<String, ForecastDeal> counted;

            @Override
            public void init(ProcessorContext<String, ForecastDelta> context) {
                this.context = context;
                this.counted = context.getStateStore(store.name());
            }

            @Override
            public void process(Record<String, DealInPipeline> record) {
                String dealId = record.key();
                if (dealId == null) {
                    return;
                }
                ForecastDeal before = counted.get(dealId);
                ForecastDeal now = record.value() == null ? null : ForecastDeal.of(record.value());
                if (before != null && now != null && now.appliedSequence() < before.appliedSequence()) {
                    return;
                }
                if (Objects.equals(before, now)) {
                    return;
                }
                Map<String, ForecastContribution> old = bySlot(ForecastContributions.of(before, periods));
                Map<String, ForecastContribution> current = bySlot(ForecastContributions.of(now, periods));
                Set<String> slots = new LinkedHashSet<>(old.keySet());
                slots.addAll(current.keySet());
                for (String slot : slots) {
                    ForecastContribution removed = old.get(slot);
                    ForecastContribution added = current.get(slot);
                    if (!Objects.equals(removed, added)) {
                        ForecastDelta delta = new ForecastDelta(removed, added);
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

    private static Map<String, ForecastContribution> bySlot(List<ForecastContribution> contributions) {
        Map<String, ForecastContribution> bySlot = new LinkedHashMap<>();
        contributions.forEach(contribution -> bySlot.put(contribution.slot(), contribution));
        return bySlot;
    }
}
