package dev.salespipeline.analytics.conversion;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

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

import dev.salespipeline.analytics.deal.FinestCells;
import dev.salespipeline.analytics.deal.Recount;
import dev.salespipeline.analytics.deal.ObjectStore;
import dev.salespipeline.analytics.deal.RowsOnCommit;
import dev.salespipeline.analytics.pipeline.PipelineDefinitionState;
import dev.salespipeline.analytics.pipeline.PipelineDefinitionTable;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.StageConversion;
import dev.salespipeline.api.metrics.WinRate;

/**
 * The family's rows of one pipeline, on the partition of the pipeline: a deal's recount (its part as last
 * counted out, its part now in) updates every row it touches there, the cohort of each period type under the
 * deal's owner and all owners, its channel and all channels, and the win rate of the period of its close, each
 * in its store ({@value ConversionTopology#COHORT_STORE}, {@value ConversionTopology#WIN_RATE_STORE}), and marks
 * them dirty; {@link #rows()} sends them once per commit ({@link RowsOnCommit}). A cohort row is worked out with
 * its pipeline's definition (store {@value ConversionTopology#PIPELINES_STORE}, kept by
 * {@link ConversionMetrics#definitionChanges}) if that is known yet.
 *
 * <p>Only the finest cells have a changelog: per pipeline, owner, channel and day, the cohort's journeys (store
 * {@value ConversionTopology#COHORT_CELLS_STORE}) and the closes (store {@value ConversionTopology#WIN_RATE_CELLS_STORE}),
 * one or two of each per recount where a deal's rows change by sixteen. The rows are kept in memory, without a
 * changelog, and worked out again from the cells when the task is assigned ({@link CohortCounts#rowsOf},
 * {@link WinRates#rowsOf}), after the cells are restored. A cell whose deals have all left it stays, with nothing
 * in it, as its rows do.
 */
final class ConversionCells implements FixedKeyProcessorSupplier<String, Recount<ConversionPart>, Long> {

    static final String COHORT = "C";
    static final String CLOSED = "W";

    private static final JsonSerde<CohortCounts> COHORT_SERDE = JsonSerde.of(CohortCounts.class);
    private static final JsonSerde<WinRate> WIN_RATE = JsonSerde.of(WinRate.class);

    private final Function<String, KeyValueBytesStoreSupplier> stores;
    private final CompanyPeriods periods;

    ConversionCells(Function<String, KeyValueBytesStoreSupplier> stores, CompanyPeriods periods) {
        this.stores = stores;
        this.periods = periods;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(
                Stores.keyValueStoreBuilder(stores.apply(ConversionTopology.COHORT_CELLS_STORE), Serdes.String(),
                        COHORT_SERDE).withCachingEnabled(),
                Stores.keyValueStoreBuilder(stores.apply(ConversionTopology.WIN_RATE_CELLS_STORE), Serdes.String(),
                        WIN_RATE).withCachingEnabled(),
                ObjectStore.<CohortCounts>builder(ConversionTopology.COHORT_STORE),
                ObjectStore.<WinRate>builder(ConversionTopology.WIN_RATE_STORE),
                Stores.keyValueStoreBuilder(stores.apply(ConversionTopology.PIPELINES_STORE), Serdes.String(),
                        PipelineDefinitionTable.SERDE).withCachingEnabled(),
                RowsOnCommit.dirtyStore(ConversionTopology.NAME));
    }

    @Override
    public FixedKeyProcessor<String, Recount<ConversionPart>, Long> get() {
        return new FixedKeyProcessor<>() {
            private FixedKeyProcessorContext<String, Long> context;
            private KeyValueStore<String, CohortCounts> cohortCells;
            private KeyValueStore<String, WinRate> closingCells;
            private KeyValueStore<String, CohortCounts> cohorts;
            private KeyValueStore<String, WinRate> closings;
            private KeyValueStore<String, String> dirty;

            @Override
            public void init(FixedKeyProcessorContext<String, Long> context) {
                this.context = context;
                this.cohortCells = context.getStateStore(ConversionTopology.COHORT_CELLS_STORE);
                this.closingCells = context.getStateStore(ConversionTopology.WIN_RATE_CELLS_STORE);
                this.cohorts = context.getStateStore(ConversionTopology.COHORT_STORE);
                this.closings = context.getStateStore(ConversionTopology.WIN_RATE_STORE);
                this.dirty = context.getStateStore(RowsOnCommit.dirtyStoreName(ConversionTopology.NAME));
                // the rows have no changelog: they are the sums of the cells, as restored (a store kept from an
                // earlier assignment of the task starts empty too)
                FinestCells.rowsFromCells(cohortCells, cohorts, CohortCounts::rowsOf);
                FinestCells.rowsFromCells(closingCells, closings, WinRates::rowsOf);
            }

            @Override
            public void process(FixedKeyRecord<String, Recount<ConversionPart>> record) {
                String pipelineId = record.key();
                Recount<ConversionPart> recount = record.value();
                if (pipelineId == null || recount == null) {
                    return;
                }
                Map<String, ConversionContribution> old = bySlot(
                        ConversionContributions.cells(pipelineId, recount.before(), periods));
                Map<String, ConversionContribution> now = bySlot(
                        ConversionContributions.cells(pipelineId, recount.after(), periods));
                Set<String> slots = new LinkedHashSet<>(old.keySet());
                slots.addAll(now.keySet());
                boolean changed = false;
                for (String slot : slots) {
                    ConversionContribution removed = old.get(slot);
                    ConversionContribution added = now.get(slot);
                    if (Objects.equals(removed, added)) {
                        continue;
                    }
                    ConversionContribution any = added != null ? added : removed;
                    MetricKey key = any.key();
                    String row = key.asString();
                    if (any.kind() == ConversionContribution.Kind.COHORT) {
                        cohorts.put(row, CohortCounts.apply(cohorts.get(row), key, removed, added));
                        RowsOnCommit.mark(dirty, pipelineId, COHORT, row);
                    } else {
                        closings.put(row, WinRates.apply(closings.get(row), key, removed, added));
                        RowsOnCommit.mark(dirty, pipelineId, CLOSED, row);
                    }
                    changed = true;
                }
                if (changed) {
                    recount(pipelineId, recount.before(), recount.after());
                    context.forward(RowsOnCommit.signal(record, context));
                }
            }

            /** Takes the part's old contributions out of the finest cells and puts its new ones in. */
            private void recount(String pipelineId, ConversionPart before, ConversionPart after) {
                Map<String, ConversionContribution> old = bySlot(
                        ConversionContributions.finest(pipelineId, before, periods));
                Map<String, ConversionContribution> now = bySlot(
                        ConversionContributions.finest(pipelineId, after, periods));
                Set<String> slots = new LinkedHashSet<>(old.keySet());
                slots.addAll(now.keySet());
                for (String slot : slots) {
                    ConversionContribution removed = old.get(slot);
                    ConversionContribution added = now.get(slot);
                    if (Objects.equals(removed, added)) {
                        continue;
                    }
                    ConversionContribution any = added != null ? added : removed;
                    MetricKey key = any.key();
                    String cell = key.asString();
                    if (any.kind() == ConversionContribution.Kind.COHORT) {
                        cohortCells.put(cell, CohortCounts.apply(cohortCells.get(cell), key, removed, added));
                    } else {
                        closingCells.put(cell, WinRates.apply(closingCells.get(cell), key, removed, added));
                    }
                }
            }
        };
    }

    /** Sends the rows of the pipeline marked dirty since the last commit, as they are now. */
    static ProcessorSupplier<String, Long, String, Object> rows(Function<String, KeyValueBytesStoreSupplier> stores) {
        return new ProcessorSupplier<>() {
            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(Stores.keyValueStoreBuilder(stores.apply(ConversionTopology.CONVERSION_STORE),
                        Serdes.String(), ConversionTopology.CONVERSION).withCachingEnabled().withLoggingDisabled());
            }

            @Override
            public Processor<String, Long, String, Object> get() {
                return new Processor<>() {
                    private ProcessorContext<String, Object> context;
                    private KeyValueStore<String, CohortCounts> cohorts;
                    private KeyValueStore<String, WinRate> closings;
                    private KeyValueStore<String, PipelineDefinitionState> pipelines;
                    private KeyValueStore<String, StageConversion> conversions;
                    private KeyValueStore<String, String> dirty;

                    @Override
                    public void init(ProcessorContext<String, Object> context) {
                        this.context = context;
                        this.cohorts = context.getStateStore(ConversionTopology.COHORT_STORE);
                        this.closings = context.getStateStore(ConversionTopology.WIN_RATE_STORE);
                        this.pipelines = context.getStateStore(ConversionTopology.PIPELINES_STORE);
                        this.conversions = context.getStateStore(ConversionTopology.CONVERSION_STORE);
                        this.dirty = context.getStateStore(RowsOnCommit.dirtyStoreName(ConversionTopology.NAME));
                    }

                    @Override
                    public void process(Record<String, Long> record) {
                        String pipelineId = record.key();
                        if (pipelineId == null) {
                            return;
                        }
                        PipelineDefinitionState pipeline = pipelines.get(pipelineId);
                        Record<String, Object> out = record.withValue(null);
                        RowsOnCommit.drain(dirty, pipelineId, (kind, row) -> {
                            if (kind.equals(CLOSED)) {
                                context.forward(out.withKey(row).withValue(closings.get(row)));
                            } else if (pipeline != null) {
                                StageConversion conversion = StageConversions.of(cohorts.get(row),
                                        pipeline.definition());
                                conversions.put(row, conversion);
                                context.forward(out.withKey(row).withValue(conversion));
                            }
                        });
                    }
                };
            }
        };
    }

    private static Map<String, ConversionContribution> bySlot(List<ConversionContribution> contributions) {
        Map<String, ConversionContribution> bySlot = new LinkedHashMap<>();
        contributions.forEach(contribution -> bySlot.put(contribution.slot(), contribution));
        return bySlot;
    }
}
