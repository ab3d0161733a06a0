package dev.salespipeline.analytics.velocity;

import java.time.Instant;
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
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.metrics.SalesVelocity;

/**
 * The family's rows of one pipeline, on the partition of the pipeline: a deal's recount (its figures as last
 * counted out, its figures now in) updates every row they touch there, under the deal's owner and all owners, its
 * channel and all channels, and each period type: the distributions of time in stage (store
 * {@value VelocityTopology#TIME_IN_STAGE_STORE}) and of the sales cycle ({@value VelocityTopology#SALES_CYCLE_STORE}),
 * the open deals per stage ({@value VelocityTopology#STAGE_AGE_STORE}) and the sales velocity rows
 * ({@value VelocityTopology#VELOCITY_STORE}, {@value VelocityTopology#VELOCITY_OPEN_DEALS_STORE}), and marks
 * them dirty; {@link #rows()} sends each changed row, as its published figure, once per commit
 * ({@link RowsOnCommit}).
 *
 * <p>Sales velocity: open deals are a figure of the present, the other factors of a period. The count of open
 * deals per cut and currency is kept with the latest business time that changed it. Each change sets that count on
 * the cut's rows for the periods holding that latest time, the periods under way; a period that is over keeps the
 * count it had after its last change, the open deals at its end. Closed deals change the row of the period of
 * their close. The business time of a change is the time of the deal's state.
 *
 * <p>Time in stage and the sales cycle have a changelog for their finest cells only: per pipeline, owner, channel
 * and day (stores {@value VelocityTopology#TIME_IN_STAGE_CELLS_STORE}, {@value VelocityTopology#SALES_CYCLE_CELLS_STORE}),
 * one or two per recount where a deal's rows change by sixteen. Their rows are kept in memory, without a
 * changelog, and worked out again from the cells when the task is assigned ({@link TimeInStageSketches#rowsOf},
 * {@link SalesCycleSketch#rowsOf}: the distributions merged bin by bin), after the cells are restored. The
 * sales-velocity rows keep their changelog: the open deals of a period that is over are those at its end, which
 * the cells do not hold.
 */
final class VelocityCells implements FixedKeyProcessorSupplier<String, Recount<DealFigures>, Long> {

    private static final String TIME_IN_STAGE = "T";
    private static final String STAGE_AGE = "A";
    private static final String CYCLE = "C";
    private static final String VELOCITY = "V";

    /** Open deals of one cut and currency and the latest business time that changed them. */
    public record OpenDeals(long deals, Instant latestChangeAt) {
    }

    private final Function<String, KeyValueBytesStoreSupplier> stores;
    private final CompanyPeriods periods;

    VelocityCells(Function<String, KeyValueBytesStoreSupplier> stores, CompanyPeriods periods) {
        this.stores = stores;
        this.periods = periods;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(
                store(VelocityTopology.TIME_IN_STAGE_CELLS_STORE, TimeInStageSketches.class),
                ObjectStore.<TimeInStageSketches>builder(VelocityTopology.TIME_IN_STAGE_STORE),
                store(VelocityTopology.STAGE_AGE_STORE, OpenStageCounts.class),
                store(VelocityTopology.SALES_CYCLE_CELLS_STORE, SalesCycleSketch.class),
                ObjectStore.<SalesCycleSketch>builder(VelocityTopology.SALES_CYCLE_STORE),
                store(VelocityTopology.VELOCITY_OPEN_DEALS_STORE, OpenDeals.class),
                store(VelocityTopology.VELOCITY_STORE, VelocityFigures.class),
                RowsOnCommit.dirtyStore(VelocityTopology.NAME));
    }

    private <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Class<V> type) {
        return Stores.keyValueStoreBuilder(stores.apply(name), Serdes.String(), JsonSerde.of(type)).withCachingEnabled();
    }

    @Override
    public FixedKeyProcessor<String, Recount<DealFigures>, Long> get() {
        return new FixedKeyProcessor<>() {
            private FixedKeyProcessorContext<String, Long> context;
            private KeyValueStore<String, TimeInStageSketches> timeCells;
            private KeyValueStore<String, TimeInStageSketches> timesInStage;
            private KeyValueStore<String, OpenStageCounts> openStages;
            private KeyValueStore<String, SalesCycleSketch> cycleCells;
            private KeyValueStore<String, SalesCycleSketch> cycles;
            private KeyValueStore<String, OpenDeals> openDeals;
            private KeyValueStore<String, VelocityFigures> velocities;
            private KeyValueStore<String, String> dirty;
            private String pipelineId;

            @Override
            public void init(FixedKeyProcessorContext<String, Long> context) {
                this.context = context;
                this.timeCells = context.getStateStore(VelocityTopology.TIME_IN_STAGE_CELLS_STORE);
                this.cycleCells = context.getStateStore(VelocityTopology.SALES_CYCLE_CELLS_STORE);
                this.timesInStage = context.getStateStore(VelocityTopology.TIME_IN_STAGE_STORE);
                this.openStages = context.getStateStore(VelocityTopology.STAGE_AGE_STORE);
                this.cycles = context.getStateStore(VelocityTopology.SALES_CYCLE_STORE);
                this.openDeals = context.getStateStore(VelocityTopology.VELOCITY_OPEN_DEALS_STORE);
                this.velocities = context.getStateStore(VelocityTopology.VELOCITY_STORE);
                this.dirty = context.getStateStore(RowsOnCommit.dirtyStoreName(VelocityTopology.NAME));
                // these rows have no changelog: they are the sums of the cells, as restored (a store kept from an
                // earlier assignment of the task starts empty too)
                FinestCells.rowsFromCells(timeCells, timesInStage, TimeInStageSketches::rowsOf);
                FinestCells.rowsFromCells(cycleCells, cycles, SalesCycleSketch::rowsOf);
            }

            @Override
            public void process(FixedKeyRecord<String, Recount<DealFigures>> record) {
                Recount<DealFigures> recount = record.value();
                if (record.key() == null || recount == null) {
                    return;
                }
                Map<String, VelocityContribution> old = bySlot(VelocityContributions.of(recount.before()));
                Map<String, VelocityContribution> now = bySlot(VelocityContributions.of(recount.after()));
                Set<String> slots = new LinkedHashSet<>(old.keySet());
                slots.addAll(now.keySet());
                Instant at = Instant.ofEpochMilli(record.timestamp());
                pipelineId = record.key();
                boolean changed = false;
                for (String slot : slots) {
                    VelocityContribution removed = old.get(slot);
                    VelocityContribution added = now.get(slot);
                    if (!Objects.equals(removed, added)) {
                        apply(removed, added, at);
                        changed = true;
                    }
                }
                if (changed) {
                    recount(recount.before(), recount.after());
                    context.forward(RowsOnCommit.signal(record, context));
                }
            }

            /** Takes the deal's old figures out of its finest cells of time in stage and cycle, puts its new ones in. */
            private void recount(DealFigures before, DealFigures after) {
                Map<String, VelocityContribution> old = bySlot(finest(before));
                Map<String, VelocityContribution> now = bySlot(finest(after));
                Set<String> slots = new LinkedHashSet<>(old.keySet());
                slots.addAll(now.keySet());
                for (String slot : slots) {
                    VelocityContribution removed = old.get(slot);
                    VelocityContribution added = now.get(slot);
                    if (Objects.equals(removed, added)) {
                        continue;
                    }
                    VelocityContribution any = added != null ? added : removed;
                    String cell = any.aggregateKey();
                    if (any.kind() == VelocityContribution.Kind.STAGE_TIME) {
                        timeCells.put(cell, TimeInStageSketches.apply(timeCells.get(cell), removed, added));
                    } else {
                        cycleCells.put(cell, SalesCycleSketch.apply(cycleCells.get(cell), removed, added));
                    }
                }
            }

            private void apply(VelocityContribution removed, VelocityContribution added, Instant at) {
                VelocityContribution any = added != null ? added : removed;
                String key = any.aggregateKey();
                switch (any.kind()) {
                    case STAGE_TIME -> {
                        TimeInStageSketches sketches = TimeInStageSketches.apply(timesInStage.get(key), removed, added);
                        timesInStage.put(key, sketches);
                        RowsOnCommit.mark(dirty, pipelineId, TIME_IN_STAGE, key);
                    }
                    case STAGE_OPEN -> {
                        OpenStageCounts counts = OpenStageCounts.apply(openStages.get(key), removed, added);
                        openStages.put(key, counts);
                        RowsOnCommit.mark(dirty, pipelineId, STAGE_AGE, key);
                    }
                    case CYCLE -> {
                        SalesCycleSketch sketch = SalesCycleSketch.apply(cycles.get(key), removed, added);
                        cycles.put(key, sketch);
                        RowsOnCommit.mark(dirty, pipelineId, CYCLE, key);
                    }
                    case VELOCITY_OPEN, VELOCITY_CLOSED -> velocity(key, any, removed, added, at);
                }
            }

            private void velocity(String cut, VelocityContribution any, VelocityContribution removed,
                                  VelocityContribution added, Instant at) {
                OpenDeals open = openDeals.get(cut);
                if (open == null) {
                    open = new OpenDeals(0, at);
                }
                Instant latest = open.latestChangeAt().isAfter(at) ? open.latestChangeAt() : at;
                if (any.kind() == VelocityContribution.Kind.VELOCITY_OPEN) {
                    long deals = open.deals() + (added != null ? 1 : 0) - (removed != null ? 1 : 0);
                    openDeals.put(cut, new OpenDeals(deals, latest));
                    for (PeriodType type : PeriodType.values()) {
                        MetricKey key = new MetricKey(any.pipelineId(), any.ownerId(), any.sourceChannel(), type,
                                periods.label(type, latest));
                        String rowKey = SalesVelocity.key(key, any.currency());
                        VelocityFigures row = velocities.get(rowKey);
                        update(rowKey, (row == null ? VelocityFigures.empty(key, any.currency()) : row)
                                .withOpenDeals(deals, latest));
                    }
                    return;
                }
                String rowKey = any.velocityKey();
                VelocityFigures row = velocities.get(rowKey);
                if (row == null) {
                    row = VelocityFigures.empty(any.metricKey(), any.currency());
                }
                if (removed != null) {
                    row = row.withClosed(removed, -1);
                }
                if (added != null) {
                    row = row.withClosed(added, 1);
                }
                if (periods.label(any.periodType(), latest).equals(any.period())) {
                    row = row.withOpenDeals(open.deals(), latest);
                }
                openDeals.put(cut, new OpenDeals(open.deals(), latest));
                update(rowKey, row);
            }

            private void update(String rowKey, VelocityFigures row) {
                velocities.put(rowKey, row);
                RowsOnCommit.mark(dirty, pipelineId, VELOCITY, rowKey);
            }
        };
    }

    /** Sends the rows of the pipeline marked dirty since the last commit, as their published figures now. */
    static ProcessorSupplier<String, Long, String, Object> rows() {
        return () -> new Processor<>() {
            private ProcessorContext<String, Object> context;
            private KeyValueStore<String, TimeInStageSketches> timesInStage;
            private KeyValueStore<String, OpenStageCounts> openStages;
            private KeyValueStore<String, SalesCycleSketch> cycles;
            private KeyValueStore<String, VelocityFigures> velocities;
            private KeyValueStore<String, String> dirty;

            @Override
            public void init(ProcessorContext<String, Object> context) {
                this.context = context;
                this.timesInStage = context.getStateStore(VelocityTopology.TIME_IN_STAGE_STORE);
                this.openStages = context.getStateStore(VelocityTopology.STAGE_AGE_STORE);
                this.cycles = context.getStateStore(VelocityTopology.SALES_CYCLE_STORE);
                this.velocities = context.getStateStore(VelocityTopology.VELOCITY_STORE);
                this.dirty = context.getStateStore(RowsOnCommit.dirtyStoreName(VelocityTopology.NAME));
            }

            @Override
            public void process(Record<String, Long> record) {
                if (record.key() == null) {
                    return;
                }
                Record<String, Object> out = record.withValue(null);
                RowsOnCommit.drain(dirty, record.key(), (kind, row) -> {
                    Object figure = switch (kind) {
                        case TIME_IN_STAGE -> timesInStage.get(row).metric();
                        case STAGE_AGE -> openStages.get(row).metric();
                        case CYCLE -> cycles.get(row).metric();
                        default -> velocities.get(row).metric();
                    };
                    context.forward(out.withKey(row).withValue(figure));
                });
            }
        };
    }

    /** The deal's contributions to the finest cells of time in stage and cycle: its day, owner and channel. */
    private static List<VelocityContribution> finest(DealFigures deal) {
        if (deal == null) {
            return List.of();
        }
        return VelocityContributions.of(deal).stream()
                .filter(contribution -> contribution.kind() == VelocityContribution.Kind.STAGE_TIME
                        || contribution.kind() == VelocityContribution.Kind.CYCLE)
                .filter(contribution -> FinestCells.isCellOf(contribution.metricKey(), deal.ownerId(),
                        deal.sourceChannel()))
                .toList();
    }

    private static Map<String, VelocityContribution> bySlot(List<VelocityContribution> contributions) {
        Map<String, VelocityContribution> bySlot = new LinkedHashMap<>();
        contributions.forEach(contribution -> bySlot.put(contribution.slot(), contribution));
        return bySlot;
    }
}
