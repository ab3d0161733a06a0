package dev.salespipeline.analytics.forecast;

import java.util.LinkedHashSet;
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
import dev.salespipeline.api.metrics.PeriodType;

/**
 * The weighted-pipeline rows of one pipeline, on the partition of the pipeline: a deal's recount (its part as last
 * counted out, its part now in) updates every row it touches there, the period of its expected close date of each
 * period type under the deal's owner and all owners, its channel and all channels, in its currency (store
 * {@value ForecastTopology#WEIGHTED_STORE}), and marks them dirty; {@link #rows()} sends them once per commit
 * ({@link RowsOnCommit}).
 *
 * <p>Only the finest cells have a changelog: per pipeline, expected close date, owner, channel and currency (store
 * {@value ForecastTopology#WEIGHTED_CELLS_STORE}), one or two of them per recount where a deal's sixteen rows
 * change. The rows are kept in memory, without a changelog, and worked out again from the cells when the task
 * starts ({@link WeightedTotals#rowsOf}), after the cells are restored.
 */
final class WeightedCells implements FixedKeyProcessorSupplier<String, Recount<ForecastDeal>, Long> {

    static final String WEIGHTED = "W";

    private static final JsonSerde<WeightedTotals> TOTALS = JsonSerde.of(WeightedTotals.class);

    private final Function<String, KeyValueBytesStoreSupplier> stores;
    private final CompanyPeriods periods;

    WeightedCells(Function<String, KeyValueBytesStoreSupplier> stores, CompanyPeriods periods) {
        this.stores = stores;
        this.periods = periods;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(
                Stores.keyValueStoreBuilder(stores.apply(ForecastTopology.WEIGHTED_CELLS_STORE), Serdes.String(),
                        TOTALS).withCachingEnabled(),
                ObjectStore.<WeightedTotals>builder(ForecastTopology.WEIGHTED_STORE),
                RowsOnCommit.dirtyStore(ForecastTopology.WEIGHTED_NAME));
    }

    /** The finest cell a deal's weighted contributions are rolled up from: its day (or none), owner and channel. */
    static String cellKey(WeightedTotals cell) {
        return cell.pipelineId() + "|" + cell.period() + "|" + cell.ownerId() + "|" + cell.sourceChannel() + "|"
                + cell.currency();
    }

    /**
     * The deal's finest cell, as a row of one deal: the weighted contributions of the period type
     * {@link PeriodType#DAY} under its own owner and channel; null when it has none.
     */
    static WeightedTotals cellOf(Map<String, ForecastContribution> weighted) {
        return weighted.values().stream()
                .filter(contribution -> contribution.periodType() == PeriodType.DAY && contribution.ownerId() != null
                        && contribution.sourceChannel() != null)
                .findFirst()
                .map(contribution -> WeightedTotals.apply(null, null, contribution))
                .orElse(null);
    }

    @Override
    public FixedKeyProcessor<String, Recount<ForecastDeal>, Long> get() {
        return new FixedKeyProcessor<>() {
            private FixedKeyProcessorContext<String, Long> context;
            private KeyValueStore<String, WeightedTotals> cells;
            private KeyValueStore<String, WeightedTotals> totals;
            private KeyValueStore<String, String> dirty;

            @Override
            public void init(FixedKeyProcessorContext<String, Long> context) {
                this.context = context;
                this.cells = context.getStateStore(ForecastTopology.WEIGHTED_CELLS_STORE);
                this.totals = context.getStateStore(ForecastTopology.WEIGHTED_STORE);
                this.dirty = context.getStateStore(RowsOnCommit.dirtyStoreName(ForecastTopology.WEIGHTED_NAME));
                // the rows have no changelog: they are the sums of the cells, as restored (a store kept from an
                // earlier assignment of the task starts empty too)
                FinestCells.rowsFromCells(cells, totals, WeightedTotals::rowsOf);
            }

            @Override
            public void process(FixedKeyRecord<String, Recount<ForecastDeal>> record) {
                String pipelineId = record.key();
                Recount<ForecastDeal> recount = record.value();
                if (pipelineId == null || recount == null) {
                    return;
                }
                Map<String, ForecastContribution> old = ForecastContributions.bySlot(recount.before(), periods,
                        kind -> kind == ForecastContribution.Kind.WEIGHTED);
                Map<String, ForecastContribution> now = ForecastContributions.bySlot(recount.after(), periods,
                        kind -> kind == ForecastContribution.Kind.WEIGHTED);
                Set<String> slots = new LinkedHashSet<>(old.keySet());
                slots.addAll(now.keySet());
                boolean changed = false;
                for (String slot : slots) {
                    ForecastContribution removed = old.get(slot);
                    ForecastContribution added = now.get(slot);
                    if (Objects.equals(removed, added)) {
                        continue;
                    }
                    String row = (added != null ? added : removed).aggregateKey();
                    totals.put(row, WeightedTotals.apply(totals.get(row), removed, added));
                    RowsOnCommit.mark(dirty, pipelineId, WEIGHTED, row);
                    changed = true;
                }
                if (changed) {
                    recount(cellOf(old), -1);
                    recount(cellOf(now), 1);
                    context.forward(RowsOnCommit.signal(record, context));
                }
            }

            /** Adds the deal's cell to the stored one ({@code sign} 1) or takes it out (-1); an empty cell goes. */
            private void recount(WeightedTotals cell, int sign) {
                if (cell == null) {
                    return;
                }
                String key = cellKey(cell);
                WeightedTotals stored = cells.get(key);
                if (stored == null && sign < 0) {
                    return;
                }
                WeightedTotals sum = sign > 0 ? (stored == null ? cell : stored.plus(cell)) : stored.minus(cell);
                if (sum.openDeals() <= 0) {
                    cells.delete(key);
                } else {
                    cells.put(key, sum);
                }
            }
        };
    }

    /** Sends the rows of the pipeline marked dirty since the last commit, as they are now. */
    static ProcessorSupplier<String, Long, String, Object> rows() {
        return () -> new Processor<>() {
            private ProcessorContext<String, Object> context;
            private KeyValueStore<String, WeightedTotals> totals;
            private KeyValueStore<String, String> dirty;

            @Override
            public void init(ProcessorContext<String, Object> context) {
                this.context = context;
                this.totals = context.getStateStore(ForecastTopology.WEIGHTED_STORE);
                this.dirty = context.getStateStore(RowsOnCommit.dirtyStoreName(ForecastTopology.WEIGHTED_NAME));
            }

            @Override
            public void process(Record<String, Long> record) {
                String pipelineId = record.key();
                if (pipelineId == null) {
                    return;
                }
                Record<String, Object> out = record.withValue(null);
                RowsOnCommit.drain(dirty, pipelineId, (kind, row) -> {
                    WeightedTotals figures = totals.get(row);
                    if (figures != null) {
                        context.forward(out.withKey(row).withValue(figures.metric()));
                    }
                });
            }
        };
    }
}
