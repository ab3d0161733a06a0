package dev.salespipeline.analytics.deal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class ObjectStoreTest {

    private final KeyValueStore<String, List<String>> store = ObjectStore.<List<String>>builder("rows").build();

    @Test
    void keepsTheValuesThemselves() {
        List<String> row = List.of("a", "b");
        store.put("sales|anna", row);

        assertThat(store.get("sales|anna")).isSameAs(row);
        assertThat(store.get("sales|bob")).isNull();
        assertThat(store.putIfAbsent("sales|anna", List.of("c"))).isSameAs(row);
        assertThat(store.putIfAbsent("sales|bob", List.of("c"))).isNull();
        assertThat(store.get("sales|bob")).containsExactly("c");
        assertThat(store.delete("sales|bob")).containsExactly("c");
        store.put("sales|anna", null);
        assertThat(store.get("sales|anna")).as("a null value deletes, as in a store of bytes").isNull();
        assertThat(store.approximateNumEntries()).isZero();
    }

    @Test
    void aPrefixScanFindsExactlyTheKeysWithThePrefixInOrder() {
        store.putAll(List.of(KeyValue.pair("5:sales|B|x", List.of()), KeyValue.pair("5:sales|A|y", List.of()),
                KeyValue.pair("5:sales|A|x", List.of()), KeyValue.pair("5:salez|A|x", List.of()),
                KeyValue.pair("4:sale|A|x", List.of())));

        assertThat(keys(store.prefixScan("5:sales|", new StringSerializer())))
                .containsExactly("5:sales|A|x", "5:sales|A|y", "5:sales|B|x");
        assertThat(keys(store.prefixScan("6:", new StringSerializer()))).isEmpty();
    }

    @Test
    void rangesAreInclusiveAndOpenAtANullBound() {
        for (String key : List.of("a", "b", "c", "d")) {
            store.put(key, List.of(key));
        }

        assertThat(keys(store.range("b", "c"))).containsExactly("b", "c");
        assertThat(keys(store.range(null, "b"))).containsExactly("a", "b");
        assertThat(keys(store.range("c", null))).containsExactly("c", "d");
        assertThat(keys(store.range("d", "a"))).isEmpty();
        assertThat(keys(store.all())).containsExactly("a", "b", "c", "d");
    }

    @Test
    void theStoreMayChangeWhileAnIteratorIsOpen() {
        store.put("a", List.of());
        store.put("b", List.of());

        try (KeyValueIterator<String, List<String>> all = store.all()) {
            assertThat(all.peekNextKey()).isEqualTo("a");
            store.delete("b");
            store.put("c", List.of());
            List<String> seen = new ArrayList<>();
            all.forEachRemaining(entry -> seen.add(entry.key));
            assertThat(seen).as("the entries as they were when it was opened").containsExactly("a", "b");
            assertThatThrownBy(all::next).isInstanceOf(NoSuchElementException.class);
        }
        assertThat(keys(store.all())).containsExactly("a", "c");
    }

    @Test
    void hasNeitherAChangelogNorARecordCache() {
        assertThat(ObjectStore.builder("rows").loggingEnabled()).isFalse();
        assertThat(ObjectStore.builder("rows").withLoggingDisabled().withCachingDisabled().build().persistent())
                .isFalse();
        assertThatThrownBy(() -> ObjectStore.builder("rows").withLoggingEnabled(Map.of()))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ObjectStore.builder("rows").withCachingEnabled())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static List<String> keys(KeyValueIterator<String, List<String>> entries) {
        List<String> keys = new ArrayList<>();
        try (entries) {
            entries.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }
}
