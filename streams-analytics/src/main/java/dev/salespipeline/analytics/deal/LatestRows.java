package dev.salespipeline.analytics.deal;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Writes a family's changed rows to their topic once per commit: the rows pass through a table whose record
 * cache keeps the latest row of each key until the commit, so a row that a burst of deal changes updates many
 * times is written once, and a row written again unchanged is not written.
 *
 * <p>The table's store only holds the rows as last written, for the cache to compare with; it has no changelog.
 * The rows themselves are worked out from the family's own stores, which have one, so after a restore the first
 * change of a row writes it again, as it would have been written anyway.
 */
public final class LatestRows {

    private LatestRows() {
    }

    /**
     * @param rows  a family's changed rows, of several types
     * @param type  the type of the rows of this topic
     * @param store the name of the table's store, and the prefix of its processors' names
     */
    public static <V> void toTopic(KStream<String, ?> rows, Class<V> type, String store, String topic, Serde<V> serde) {
        toTopic(rows, type, store, store, topic, serde);
    }

    /**
     * @param rows  a family's changed rows, of several types
     * @param type  the type of the rows of this topic
     * @param name  the prefix of the names of the processors
     * @param store the name of the table's store
     */
    public static <V> void toTopic(KStream<String, ?> rows, Class<V> type, String name, String store, String topic,
                                   Serde<V> serde) {
        rows.filter((key, row) -> type.isInstance(row), Named.as(name + "-select"))
                .mapValues(type::cast, Named.as(name + "-rows"))
                .toTable(Named.as(name + "-table"),
                        Materialized.<String, V, KeyValueStore<Bytes, byte[]>>as(store)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(serde)
                                .withLoggingDisabled())
                .toStream(Named.as(name + "-changes"))
                .to(topic, Produced.with(Serdes.String(), serde).withName(name + "-sink"));
    }
}
