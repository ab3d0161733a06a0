package dev.salespipeline.analytics.activity;

import java.util.Map;
import java.util.Set;

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
import dev.salespipeline.analytics.deal.ObjectStore;
import dev.salespipeline.analytics.deal.RowsOnCommit;
import dev.salespipeline.analytics.serde.JsonSerde;

/**
 * A person's cells and rows, on the partition of the person: each change of the person's cells is added to the cell
 * (store {@value ManagerActivityTopology#CELLS_STORE}) and to every row the cell counts in (store
 * {@value ManagerActivityTopology#METRICS_STORE}), and each row it changes is marked dirty; {@link #rows()} sends
 * each changed row, as its published record, once per commit ({@link RowsOnCommit}): its manager-activity record,
 * and its call-quality record when the change concerns calls.
 *
 * <p>Only the cells have a changelog: one or two per event, where the rows of an event are eight or more. The rows
 * are kept in memory, without a changelog, and worked out again from the cells when the task is assigned
 * ({@link ShiftCells#rowsOf}), after the cells are restored. A cell whose counts have all been taken back stays,
 * with nothing in it, as its rows do.
 */
final class ShiftActivities implements FixedKeyProcessorSupplier<String, ActivityDeltas, Long> {

    /** The kind of a dirty mark for a manager-activity row. */
    private static final String ROW = "M";
    /** The kind of a dirty mark for the call-quality row of the same key: only changes that concern calls. */
    private static final String QUALITY = "Q";

    private final KeyValueBytesStoreSupplier cellStore;

    ShiftActivities(KeyValueBytesStoreSupplier cellStore) {
        this.cellStore = cellStore;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(cellStore, Serdes.String(), JsonSerde.of(ActivityCell.class))
                        .withCachingEnabled(),
                ObjectStore.<ShiftActivity>builder(ManagerActivityTopology.METRICS_STORE),
                RowsOnCommit.dirtyStore(ManagerActivityTopology.NAME));
    }

    @Override
    public FixedKeyProcessor<String, ActivityDeltas, Long> get() {
        return new FixedKeyProcessor<>() {
            private FixedKeyProcessorContext<String, Long> context;
            private KeyValueStore<String, ActivityCell> cells;
            private KeyValueStore<String, ShiftActivity> rows;
            private KeyValueStore<String, String> dirty;

            @Override
            public void init(FixedKeyProcessorContext<String, Long> context) {
                this.context = context;
                this.cells = context.getStateStore(cellStore.name());
                this.rows = context.getStateStore(ManagerActivityTopology.METRICS_STORE);
                this.dirty = context.getStateStore(RowsOnCommit.dirtyStoreName(ManagerActivityTopology.NAME));
                // the rows have no changelog: they are the sums of the cells, as restored (a store kept from an
                // earlier assignment of the task starts empty too)
                FinestCells.rowsFromCells(cells, rows, ShiftCells::rowsOf);
            }

            @Override
            public void process(FixedKeyRecord<String, ActivityDeltas> record) {
                if (record.key() == null || record.value() == null || record.value().cells().isEmpty()) {
                    return;
                }
                for (ActivityCell change : record.value().cells()) {
                    String key = change.key();
                    ActivityCell cell = cells.get(key);
                    cells.put(key, cell == null ? change : cell.plus(change));
                }
                Map<String, ActivityDelta> changed = ShiftCells.rowChanges(record.value().cells());
                for (Map.Entry<String, ActivityDelta> row : changed.entrySet()) {
                    rows.put(row.getKey(), ShiftActivity.apply(rows.get(row.getKey()), row.getValue()));
                    RowsOnCommit.mark(dirty, record.key(), ROW, row.getKey());
                    if (row.getValue().counts().countsCalls()) {
                        RowsOnCommit.mark(dirty, record.key(), QUALITY, row.getKey());
                    }
                }
                if (!changed.isEmpty()) {
                    context.forward(RowsOnCommit.signal(record, context));
                }
            }
        };
    }

    /** Sends the person's rows marked dirty since the last commit, as they are now. */
    ProcessorSupplier<String, Long, String, Object> rows() {
        return () -> new Processor<>() {
            private ProcessorContext<String, Object> context;
            private KeyValueStore<String, ShiftActivity> rows;
            private KeyValueStore<String, String> dirty;

            @Override
            public void init(ProcessorContext<String, Object> context) {
                this.context = context;
                this.rows = context.getStateStore(ManagerActivityTopology.METRICS_STORE);
                this.dirty = context.getStateStore(RowsOnCommit.dirtyStoreName(ManagerActivityTopology.NAME));
            }

            @Override
            public void process(Record<String, Long> record) {
                if (record.key() == null) {
                    return;
                }
                Record<String, Object> out = record.withValue(null);
                RowsOnCommit.drain(dirty, record.key(), (kind, row) -> context.forward(out.withKey(row)
                        .withValue(QUALITY.equals(kind) ? rows.get(row).quality() : rows.get(row).metric())));
            }
        };
    }
}
