package dev.salespipeline.analytics.acquisition;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
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

import dev.salespipeline.analytics.deal.Recount;
import dev.salespipeline.analytics.deal.RowsOnCommit;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.api.metrics.AcquisitionCost;
import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.target.TargetPeriod;

/**
 * The acquisition-cost cells of one pipeline, on the partition of the pipeline. A deal's recount (its part as last
 * counted out, its part now in) and a spend as it is now (the spend as last counted out, store
 * {@value AcquisitionCostTopology#SPENDS_STORE}) update the cells they touch: the deal's or the spend's channel and
 * all channels, the month and the quarter (a quarter's spend only the quarter) — at most eight cells for a deal,
 * four for a spend — and mark them dirty; {@link #rows()} sends each dirty cell's rows, one per currency of its
 * spend, once per commit ({@link RowsOnCommit}).
 */
final class AcquisitionCells implements FixedKeyProcessorSupplier<String, AcquisitionInput, Long> {

    private static final String CELL = "C";
    private static final List<PeriodType> PERIOD_TYPES = List.of(PeriodType.MONTH, PeriodType.QUARTER);

    private final Function<String, KeyValueBytesStoreSupplier> stores;

    AcquisitionCells(Function<String, KeyValueBytesStoreSupplier> stores) {
        this.stores = stores;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(
                Stores.keyValueStoreBuilder(stores.apply(AcquisitionCostTopology.CELLS_STORE), Serdes.String(),
                        JsonSerde.of(AcquisitionCell.class)).withCachingEnabled(),
                Stores.keyValueStoreBuilder(stores.apply(AcquisitionCostTopology.SPENDS_STORE), Serdes.String(),
                        JsonSerde.of(Spend.class)).withCachingEnabled(),
                RowsOnCommit.dirtyStore(AcquisitionCostTopology.NAME));
    }

    @Override
    public FixedKeyProcessor<String, AcquisitionInput, Long> get() {
        return new FixedKeyProcessor<>() {
            private FixedKeyProcessorContext<String, Long> context;
            private KeyValueStore<String, AcquisitionCell> cells;
            private KeyValueStore<String, Spend> spends;
            private KeyValueStore<String, String> dirty;

            @Override
            public void init(FixedKeyProcessorContext<String, Long> context) {
                this.context = context;
                this.cells = context.getStateStore(AcquisitionCostTopology.CELLS_STORE);
                this.spends = context.getStateStore(AcquisitionCostTopology.SPENDS_STORE);
                this.dirty = context.getStateStore(RowsOnCommit.dirtyStoreName(AcquisitionCostTopology.NAME));
            }

            @Override
            public void process(FixedKeyRecord<String, AcquisitionInput> record) {
                String pipelineId = record.key();
                if (pipelineId == null || record.value() == null) {
                    return;
                }
                Set<String> touched = new LinkedHashSet<>();
                Recount<AcquiredDeal> recount = record.value().deal();
                if (recount != null) {
                    count(pipelineId, recount.before(), -1, touched);
                    count(pipelineId, recount.after(), 1, touched);
                } else {
                    Spend spend = record.value().spend();
                    Spend last = spends.get(spend.spendId());
                    if (last != null && spend.appliedSequence() <= last.appliedSequence()) {
                        return;
                    }
                    if (last != null && !last.withdrawn()) {
                        count(last, -1, touched);
                    }
                    if (!spend.withdrawn()) {
                        count(spend, 1, touched);
                    }
                    spends.put(spend.spendId(), spend);
                }
                touched.forEach(cell -> RowsOnCommit.mark(dirty, pipelineId, CELL, cell));
                if (!touched.isEmpty()) {
                    context.forward(RowsOnCommit.signal(record, context));
                }
            }

            private void count(String pipelineId, AcquiredDeal deal, int sign, Set<String> touched) {
                if (deal == null) {
                    return;
                }
                for (String channel : Arrays.asList(deal.channel(), null)) {
                    for (PeriodType type : PERIOD_TYPES) {
                        if (deal.openedOn() != null) {
                            update(pipelineId, channel, type, type.label(deal.openedOn()),
                                    cell -> cell.plusDeals(sign, 0), touched);
                        }
                        if (deal.wonOn() != null) {
                            update(pipelineId, channel, type, type.label(deal.wonOn()),
                                    cell -> cell.plusDeals(0, sign), touched);
                        }
                    }
                }
            }

            private void count(Spend spend, int sign, Set<String> touched) {
                String currency = spend.amount().currency();
                BigDecimal amount = spend.amount().amount();
                TargetPeriod period = spend.period();
                String quarter = PeriodType.QUARTER.label(period.from());
                for (String channel : Arrays.asList(spend.channel(), null)) {
                    if (period.kind() == TargetPeriod.Kind.MONTH) {
                        update(spend.pipelineId(), channel, PeriodType.MONTH, period.toString(),
                                cell -> cell.plusSpend(sign, currency, amount), touched);
                    }
                    update(spend.pipelineId(), channel, PeriodType.QUARTER, quarter,
                            cell -> cell.plusSpend(sign, currency, amount), touched);
                }
            }

            private void update(String pipelineId, String channel, PeriodType type, String period,
                                Function<AcquisitionCell, AcquisitionCell> change, Set<String> touched) {
                String key = AcquisitionCell.key(pipelineId, channel, type, period);
                AcquisitionCell cell = cells.get(key);
                AcquisitionCell changed = change.apply(cell == null
                        ? AcquisitionCell.empty(pipelineId, channel, type, period) : cell);
                if (changed.isEmpty()) {
                    cells.delete(key);
                } else {
                    cells.put(key, changed);
                }
                touched.add(key);
            }
        };
    }

    /**
     * Sends the rows of the pipeline's cells marked dirty since the last commit, as they are now: one per currency
     * of a cell's spend, a tombstone for a currency whose spend is all withdrawn (which the cell then forgets). A
     * cell without spend has no rows.
     */
    ProcessorSupplier<String, Long, String, Object> rows() {
        return () -> new Processor<>() {
            private ProcessorContext<String, Object> context;
            private KeyValueStore<String, AcquisitionCell> cells;
            private KeyValueStore<String, String> dirty;

            @Override
            public void init(ProcessorContext<String, Object> context) {
                this.context = context;
                this.cells = context.getStateStore(AcquisitionCostTopology.CELLS_STORE);
                this.dirty = context.getStateStore(RowsOnCommit.dirtyStoreName(AcquisitionCostTopology.NAME));
            }

            @Override
            public void process(Record<String, Long> record) {
                if (record.key() == null) {
                    return;
                }
                Record<String, Object> out = record.withValue(null);
                RowsOnCommit.drain(dirty, record.key(), (kind, key) -> {
                    AcquisitionCell cell = cells.get(key);
                    if (cell == null) {
                        return;
                    }
                    for (String currency : cell.spend().keySet()) {
                        context.forward(out.withKey(AcquisitionCost.key(cell.pipelineId(), cell.sourceChannel(),
                                cell.periodType(), cell.period(), currency)).withValue(cell.row(currency)));
                    }
                    AcquisitionCell kept = cell.withoutWithdrawnCurrencies();
                    if (kept.isEmpty()) {
                        cells.delete(key);
                    } else if (!kept.equals(cell)) {
                        cells.put(key, kept);
                    }
                });
            }
        };
    }
}
