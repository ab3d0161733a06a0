package dev.salespipeline.analytics.deal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.PeriodType;

/**
 * The rows a finest cell counts in. A family that keeps only its finest cells in a changelog (one pipeline, owner,
 * channel and day, period type {@link PeriodType#DAY}) works its rows out from them: each cell counts in the
 * sixteen rows of its owner and all owners, its channel and all channels, and the periods of each type that hold
 * its day.
 */
public final class FinestCells {

    private FinestCells() {
    }

    /** The keys of the rows the cell (a key of period type {@link PeriodType#DAY}) counts in, its own among them. */
    public static List<MetricKey> rowKeys(MetricKey cell) {
        Set<String> owners = new LinkedHashSet<>();
        owners.add(cell.ownerId());
        owners.add(null);
        Set<String> channels = new LinkedHashSet<>();
        channels.add(cell.sourceChannel());
        channels.add(null);
        LocalDate day = LocalDate.parse(cell.period());
        List<MetricKey> keys = new ArrayList<>(16);
        for (PeriodType type : PeriodType.values()) {
            for (String owner : owners) {
                for (String channel : channels) {
                    keys.add(new MetricKey(cell.pipelineId(), owner, channel, type, type.label(day)));
                }
            }
        }
        return keys;
    }

    /** Whether the key is that of a finest cell of a deal with this owner and channel. */
    public static boolean isCellOf(MetricKey key, String ownerId, String sourceChannel) {
        return key.periodType() == PeriodType.DAY && ownerId != null && ownerId.equals(key.ownerId())
                && sourceChannel != null && sourceChannel.equals(key.sourceChannel());
    }

    /**
     * Puts in the store of rows, emptied first, the rows worked out from every cell of the store of cells: for a
     * processor's {@code init}, after the cells are restored. The rows have no changelog; a store kept from an
     * earlier assignment of the task is emptied too.
     */
    public static <C, R> void rowsFromCells(KeyValueStore<String, C> cells, KeyValueStore<String, R> rows,
                                            Function<List<C>, Map<String, R>> rowsOf) {
        List<String> kept = new ArrayList<>();
        try (KeyValueIterator<String, R> all = rows.all()) {
            all.forEachRemaining(row -> kept.add(row.key));
        }
        kept.forEach(rows::delete);
        List<C> restored = new ArrayList<>();
        try (KeyValueIterator<String, C> all = cells.all()) {
            all.forEachRemaining(cell -> restored.add(cell.value));
        }
        rowsOf.apply(restored).forEach(rows::put);
    }
}
