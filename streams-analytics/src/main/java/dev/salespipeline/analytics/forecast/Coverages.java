package dev.salespipeline.analytics.forecast;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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

import dev.salespipeline.analytics.deal.Recount;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.metrics.PipelineCoverage;

/**
 * Coverage rows, from the deal recounts and targets of each pipeline, keyed by pipeline so that a subject's deals
 * and targets meet on one partition; each subject is kept under its pipeline and subject (store
 * {@value ForecastTopology#COVERAGE_STORE}). A recount changes the subjects of the deal, its owner and team as last
 * counted and now, whose part it changed; a target changes its own subject. After each change the coverage of every
 * target of the subject is worked out again; a changed one is written, a withdrawn one gets a tombstone, an
 * unchanged one nothing (so a redelivery writes nothing).
 */
final class Coverages implements ProcessorSupplier<String, CoverageInput, String, PipelineCoverage> {

    private final KeyValueBytesStoreSupplier store;
    private final CompanyPeriods periods;

    Coverages(KeyValueBytesStoreSupplier store, CompanyPeriods periods) {
        this.store = store;
        this.periods = periods;
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
                if (record.key() == null || input == null) {
                    return;
                }
                if (input.target() != null) {
                    SalesTarget target = input.target();
                    String key = ForecastContribution.subjectKey(target.pipelineId(), target.subject());
                    CoverageSubject before = subject(key);
                    update(record, key, before, before.withTarget(target));
                } else if (input.recount() != null) {
                    Map<String, ForecastContribution> old = bySubject(input.recount().before());
                    Map<String, ForecastContribution> now = bySubject(input.recount().after());
                    Set<String> keys = new LinkedHashSet<>(old.keySet());
                    keys.addAll(now.keySet());
                    for (String key : keys) {
                        ForecastContribution removed = old.get(key);
                        ForecastContribution added = now.get(key);
                        if (!Objects.equals(removed, added)) {
                            CoverageSubject before = subject(key);
                            update(record, key, before, before.recounted(removed, added));
                        }
                    }
                }
            }

            private CoverageSubject subject(String key) {
                CoverageSubject subject = subjects.get(key);
                return subject == null ? CoverageSubject.empty() : subject;
            }

            private void update(Record<String, CoverageInput> record, String key, CoverageSubject before,
                                CoverageSubject after) {
                if (after.equals(before)) {
                    return;
                }
                Map<String, PipelineCoverage> old = before.metrics();
                Map<String, PipelineCoverage> current = after.metrics();
                old.keySet().stream().filter(row -> !current.containsKey(row))
                        .forEach(row -> context.forward(record.withKey(row).<PipelineCoverage>withValue(null)));
                current.forEach((row, coverage) -> {
                    if (!coverage.equals(old.get(row))) {
                        context.forward(record.withKey(row).withValue(coverage));
                    }
                });
                subjects.put(key, after);
            }
        };
    }

    /** The deal's coverage contributions (one per subject at most: open or closed), by pipeline and subject. */
    private Map<String, ForecastContribution> bySubject(ForecastDeal deal) {
        Map<String, ForecastContribution> bySubject = new LinkedHashMap<>();
        ForecastContributions.bySlot(deal, periods, kind -> kind == ForecastContribution.Kind.COVERAGE_OPEN
                        || kind == ForecastContribution.Kind.COVERAGE_CLOSED).values()
                .forEach(contribution -> bySubject.put(contribution.aggregateKey(), contribution));
        return bySubject;
    }
}
