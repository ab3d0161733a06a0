package dev.salespipeline.analytics.deal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Writes a family's changed rows once per commit, however many times they change in between.
 *
 * <p>The family's rows are aggregated under a coarse key (a pipeline, a person) on the partition of that key, by
 * a processor that keeps the key ({@code cells}): it updates the rows in its stores, marks each changed row as
 * dirty ({@link #mark}) and passes on a signal under the coarse key. The signals go through a table whose record
 * cache keeps one per coarse key until the commit (or until the cache is full), so at each commit one signal per
 * coarse key with changes reaches the {@code rows} processor, which takes the dirty rows of that key
 * ({@link #drain}) and sends each, as it is then, once. The table keeps the coarse key, so nothing is
 * repartitioned on the way.
 *
 * <p>Neither the dirty marks nor the signal table have a changelog: every change processed before a commit has
 * its row sent in that commit, when the caches are flushed, so nothing that a restore brings back is left unsent.
 */
public final class RowsOnCommit {

    private static final AtomicLong SIGNALS = new AtomicLong();

    private RowsOnCommit() {
    }

    /**
     * @param partitioned the family's input, keyed by the coarse key and not to be repartitioned again
     * @param name        the prefix of the names of the processors and stores
     * @param cells       updates the rows, marks them dirty and passes on {@link #signal} if it marked any
     * @param rows        sends the dirty rows of the coarse key it receives
     * @param rowStores   the stores {@code rows} reads, besides those it declares itself
     * @return the rows, as the families' published records, keyed by row
     */
    public static <V> KStream<String, Object> build(KStream<String, V> partitioned, String name,
                                                    FixedKeyProcessorSupplier<String, V, Long> cells,
                                                    ProcessorSupplier<String, Long, String, Object> rows,
                                                    String... rowStores) {
        return partitioned
                .processValues(cells, Named.as(name + "-cells"))
                .toTable(Named.as(name + "-signals"),
                        Materialized.<String, Long>as(Stores.inMemoryKeyValueStore(name + "-signals"))
                                .withKeySerde(Serdes.String())
                                .withValueSerde(Serdes.Long())
                                .withLoggingDisabled())
                .toStream(Named.as(name + "-signalled"))
                .process(rows, Named.as(name + "-rows"), rowStores);
    }

    /** Writes the rows of one type to their topic, through a sink named {@code name-sink}. */
    public static <R> void toTopic(KStream<String, Object> rows, Class<R> type, String name, String topic,
                                   Serde<R> serde) {
        rows.filter((key, row) -> type.isInstance(row), Named.as(name + "-select"))
                .mapValues(type::cast, Named.as(name + "-typed"))
                .to(topic, Produced.with(Serdes.String(), serde).withName(name + "-sink"));
    }

    /** The store of dirty marks of a family, named {@code name-dirty-rows}: in memory, without a changelog. */
    public static StoreBuilder<KeyValueStore<String, String>> dirtyStore(String name) {
        return ObjectStore.builder(dirtyStoreName(name));
    }

    public static String dirtyStoreName(String name) {
        return name + "-dirty-rows";
    }

    /**
     * The signal for the table under the record's key: a new value each time, so that the table never takes it for
     * the same update, at the task's stream time, which only grows, so that it never looks out of order (the
     * records it follows carry the business times of many deals).
     */
    public static FixedKeyRecord<String, Long> signal(FixedKeyRecord<String, ?> record,
                                                      FixedKeyProcessorContext<String, Long> context) {
        return record.withValue(SIGNALS.incrementAndGet()).withTimestamp(context.currentStreamTimeMs());
    }

    /** Marks a row of a kind (which store it is in) under a coarse key as changed. */
    public static void mark(KeyValueStore<String, String> dirty, String coarseKey, String kind, String rowKey) {
        dirty.put(prefix(coarseKey) + kind + "|" + rowKey, kind);
    }

    /** Hands every row marked under the coarse key to {@code row} (kind, row key) and clears the marks. */
    public static void drain(KeyValueStore<String, String> dirty, String coarseKey, BiConsumer<String, String> row) {
        String prefix = prefix(coarseKey);
        List<KeyValue<String, String>> marked = new ArrayList<>();
        try (KeyValueIterator<String, String> marks = dirty.prefixScan(prefix, new StringSerializer())) {
            marks.forEachRemaining(marked::add);
        }
        for (KeyValue<String, String> mark : marked) {
            dirty.delete(mark.key);
            row.accept(mark.value, mark.key.substring(prefix.length() + mark.value.length() + 1));
        }
    }

    /** A prefix no other coarse key's marks start with: the key's length, then the key. */
    private static String prefix(String coarseKey) {
        return coarseKey.length() + ":" + coarseKey + "|";
    }
}
