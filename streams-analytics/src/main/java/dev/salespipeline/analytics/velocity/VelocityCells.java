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
import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.metrics.SalesVelocity;

/**
 * The family's rows of one pipeline, on the partition of the pipeline: a deal's recount (its figures as last
 * counted out, its figures now in) updates every row they touch there, under the deal's owner and all owners, its
 * channel and all channels, and each period type: the distributions of time in stage (store
 * {@value VelocityTopology#TIME_IN_STAGE_STORE}) and of the sales cycle ({@value VelocityTopology#SALES_CYCLE_STORE}),
 * the open deals per stage ({@value VelocityTopology#STAGE_AGE_STORE}) and the sales velocity rows
 * ({@value VelocityTopology#VELOCITY_STORE}, {@value VelocityTopology#VELOCITY_OPEN_DEALS_STORE}). Each changed
 * row is passed on as its published figure, which {@link dev.salespipeline.analytics.deal.LatestRows} writes to its
 * topic once per commit.
 *
 * <p>Sales velocity: open deals are a figure of the present, the other factors of a period. The count of open
 * deals per cut and currency is kept with the latest business time that changed it. Each change sets that count on
 * the cut's rows for the periods holding that latest time, the periods under way; a period that is over keeps the
 * count it had after its last change, the open deals at its end. Closed deals change the row of the period of
 * their close. The business time of a change is the time of the deal's state.
 *
 * <p>Rows are passed on with the task's stream time, which only grows: rows of many deals meet here, and a table
 * downstream takes an older time for an update out of order.
 */
final class VelocityCells implements ProcessorSupplier<String, Recount<DealFigures>, String, Object> {

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
                store(VelocityTopology.TIME_IN_STAGE_STORE, TimeInStageSketches.class),
                store(VelocityTopology.STAGE_AGE_STORE, OpenStageCounts.class),
                store(VelocityTopology.SALES_CYCLE_STORE, SalesCycleSketch.class),
                store(VelocityTopology.VELOCITY_OPEN_DEALS_STORE, OpenDeals.class),
                store(VelocityTopology.VELOCITY_STORE, VelocityFigures.class));
    }

    private <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Class<V> type) {
        return Stores.keyValueStoreBuilder(stores.apply(name), Serdes.String(), JsonSerde.of(type)).withCachingEnabled();
    }

    @Override
    public Processor<String, Recount<DealFigures>, String, Object> get() {
        return new Processor<>() {
            private ProcessorContext<String, Object> context;
            private KeyValueStore<String, TimeInStageSketches> timesInStage;
            private KeyValueStore<String, OpenStageCounts> openStages;
            private KeyValueStore<String, SalesCycleSketch> cycles;
            private KeyValueStore<String, OpenDeals> openDeals;
            private KeyValueStore<String, VelocityFigures> velocities;

            @Override
            public void init(ProcessorContext<String, Object> context) {
                this.context = context;
                this.timesInStage = context.getStateStore(VelocityTopology.TIME_IN_STAGE_STORE);
                this.openStages = context.getStateStore(VelocityTopology.STAGE_AGE_STORE);
                this.cycles = context.getStateStore(VelocityTopology.SALES_CYCLE_STORE);
                this.openDeals = context.getStateStore(VelocityTopology.VELOCITY_OPEN_DEALS_STORE);
                this.velocities = context.getStateStore(VelocityTopology.VELOCITY_STORE);
            }

            @Override
            public void process(Record<String, Recount<DealFigures>> record) {
                Recount<DealFigures> recount = record.value();
                if (record.key() == null || recount == null) {
                    return;
                }
                Map<String, VelocityContribution> old = bySlot(VelocityContributions.of(recount.before()));
                Map<String, VelocityContribution> now = bySlot(VelocityContributions.of(recount.after()));
                Set<String> slots = new LinkedHashSet<>(old.keySet());
                slots.addAll(now.keySet());
                Instant at = Instant.ofEpochMilli(record.timestamp());
                Record<String, Object> out = record.withValue(null).withTimestamp(context.currentStreamTimeMs());
                for (String slot : slots) {
                    VelocityContribution removed = old.get(slot);
                    VelocityContribution added = now.get(slot);
                    if (!Objects.equals(removed, added)) {
                        apply(removed, added, at, out);
                    }
                }
            }

            private void apply(VelocityContribution removed, VelocityContribution added, Instant at,
                               Record<String, Object> out) {
                VelocityContribution any = added != null ? added : removed;
                String key = any.aggregateKey();
                switch (any.kind()) {
                    case STAGE_TIME -> {
                        TimeInStageSketches sketches = TimeInStageSketches.apply(timesInStage.get(key), removed, added);
                        timesInStage.put(key, sketches);
                        context.forward(out.withKey(key).withValue(sketches.metric()));
                    }
                    case STAGE_OPEN -> {
                        OpenStageCounts counts = OpenStageCounts.apply(openStages.get(key), removed, added);
                        openStages.put(key, counts);
                        context.forward(out.withKey(key).withValue(counts.metric()));
                    }
                    case CYCLE -> {
                        SalesCycleSketch sketch = SalesCycleSketch.apply(cycles.get(key), removed, added);
                        cycles.put(key, sketch);
                        context.forward(out.withKey(key).withValue(sketch.metric()));
                    }
                    case VELOCITY_OPEN, VELOCITY_CLOSED -> velocity(key, any, removed, added, at, out);
                }
            }

            private void velocity(String cut, VelocityContribution any, VelocityContribution removed,
                                  VelocityContribution added, Instant at, Record<String, Object> out) {
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
                                .withOpenDeals(deals, latest), out);
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
                update(rowKey, row, out);
            }

            private void update(String rowKey, VelocityFigures row, Record<String, Object> out) {
                velocities.put(rowKey, row);
                context.forward(out.withKey(rowKey).withValue(row.metric()));
            }
        };
    }

    private static Map<String, VelocityContribution> bySlot(List<VelocityContribution> contributions) {
        Map<String, VelocityContribution> bySlot = new LinkedHashMap<>();
        contributions.forEach(contribution -> bySlot.put(contribution.slot(), contribution));
        return bySlot;
    }
}
