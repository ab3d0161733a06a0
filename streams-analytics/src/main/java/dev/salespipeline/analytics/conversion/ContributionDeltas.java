package dev.salespipeline.analytics.conversion;

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
 * Turns each change of a deal's state into deltas per metric key: the key loses what the deal contributed
 * before and gains what it contributes now.
 *
 * <p>A deal contributes to many keys at once (per pipeline it has been in, 4 period types x owner and all
 * x channel and all, plus the same for the win rate), so {@code KTable#groupBy}, which moves a row to one
 * key, does not fit. Instead the contributions last sent for each deal are kept in a store (by deal id),
 * and only the keys whose contribution changed get a delta, keyed by metric key; the aggregations downstream
 * subtract the old contribution and add the new one. A state that changes nothing the family counts (a new
 * amount, a redelivered event) sends no delta at all.
 */
final class ContributionDeltas implements ProcessorSupplier<String, DealState, String, ContributionDelta> {

    public record SentContributions(List<ConversionContribution> contributions) {

        public SentContributions {
            contributions = contributions == null ? List.of() : List.copyOf(contributions);
        }
    }

    private final KeyValueBytesStoreSupplier store;
    private final CompanyPeriods periods;

    ContributionDeltas(KeyValueBytesStoreSupplier store, CompanyPeriods periods) {
        this.store = store;
        this.periods = periods;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(store, Serdes.String(),
                JsonSerde.of(SentContributions.class)).withCachingEnabled());
    }

    @Override
    public Processor<String, DealState, String, ContributionDelta> get() {
        return new Processor<>() {
            private ProcessorContext<String, ContributionDelta> context;
            private KeyValueStore<String, SentContributions> sent;

            @Override
            public void init(ProcessorContext<String, ContributionDelta> context) {
                this.context = context;
                this.sent = context.getStateStore(store.name());
            }

            @Override
            public void process(Record<String, DealState> record) {
                String dealId = record.key();
                SentContributions before = sent.get(dealId);
                List<ConversionContribution> now = record.value() == null ? List.of()
                        : ConversionContributions.of(record.value(), periods);
                Map<String, ConversionContribution> old = bySlot(before == null ? List.of() : before.contributions());
                Map<String, ConversionContribution> current = bySlot(now);
                Set<String> slots = new LinkedHashSet<>(old.keySet());
                slots.addAll(current.keySet());
                for (String slot : slots) {
                    ConversionContribution removed = old.get(slot);
                    ConversionContribution added = current.get(slot);
                    if (!Objects.equals(removed, added)) {
                        ContributionDelta delta = new ContributionDelta(removed, added);
                        context.forward(record.withKey(delta.any().key().asString()).withValue(delta));
                    }
                }
                if (now.isEmpty()) {
                    sent.delete(dealId);
                } else {
                    sent.put(dealId, new SentContributions(now));
                }
            }
        };
    }

    private static Map<String, ConversionContribution> bySlot(List<ConversionContribution> contributions) {
        Map<String, ConversionContribution> bySlot = new LinkedHashMap<>();
        contributions.forEach(contribution -> bySlot.put(contribution.slot(), contribution));
        return bySlot;
    }
}
