package dev.salespipeline.analytics.forecast;

import java.util.Map;
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
import dev.salespipeline.api.metrics.PipelineCoverage;

/**
 * Coverage rows, from the deal deltas and targets of each subject, keyed by pipeline and subject so that a
 * subject's deals and targets meet on one partition (store {@value ForecastTopology#COVERAGE_STORE}). After each
 * input the coverage of every target of the subject is worked out again; a changed one is written, a withdrawn
 * one gets a tombstone, an unchanged one nothing (so a redelivery writes nothing).
 */
final class Coverages implements ProcessorSupplier<String, CoverageInput, String, PipelineCoverage> {

    private final KeyValueBytesStoreSupplier store;

    Coverages(KeyValueBytesStoreSupplier store) {
        this.store = store;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(store, Serdes.String(), JsonSerde.of(CoverageSubject.class))
                .withCachingEnabled());
    }

    @Override
    public Processor<String, CoverageInput, String, PipelineCoverage> get() {
        return new Processor<>() {
            private ProcessorContext<String, PipelineCoverage> context;
            private KeyValueStore<String, CoverageSubject> subjects;

            @Override
            public void init(ProcessorContext<String, PipelineCoverage> context) {
                this.context = context;
                this.subjects = context.getStateStore(store.name());
            }

            @Override
            public void process(Record<String, CoverageInput> record) {
                CoverageInput input = record.value();
                if (record.key() == null || input == null || (input.delta() == null && input.target() == null)) {
                    return;
                }
                CoverageSubject before = subjects.get(record.key());
                if (before == null) {
                    before = CoverageSubject.empty();
                }
                CoverageSubject after = before.apply(input);
                if (after.equals(before)) {
                    return;
                }
                Map<String, PipelineCoverage> old = before.metrics();
                Map<String, PipelineCoverage> current = after.metrics();
                old.keySet().stream().filter(key -> !current.containsKey(key))
                        .forEach(key -> context.forward(record.withKey(key).<PipelineCoverage>withValue(null)));
                current.forEach((key, coverage) -> {
                    if (!coverage.equals(old.get(key))) {
                        context.forward(record.withKey(key).withValue(coverage));
                    }
                });
                subjects.put(record.key(), after);
            }
        };
    }
}
