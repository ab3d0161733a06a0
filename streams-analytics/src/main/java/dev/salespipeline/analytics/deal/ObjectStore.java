package dev.salespipeline.analytics.deal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * A store of a task's working values kept as the values themselves, in memory, without a changelog: the rows a
 * family works out again from its changelogged cells when the task starts, and the marks of rows to send at the
 * next commit ({@link RowsOnCommit}). Such a store holds nothing that outlives the process, so the serializing that
 * a store of bytes does on every read and write (a JSON document per row, read and written for each deal change
 * that touches the row) buys nothing.
 *
 * <p>The values must be immutable: a value read is the very object stored, and a change is a new value put. Keys
 * are ordered as strings; an iterator works on a copy of the entries it covers, so the store may change while one
 * is open.
 */
public final class ObjectStore<V> implements KeyValueStore<String, V> {

    private final String name;
    private final NavigableMap<String, V> values = new TreeMap<>();
    private volatile boolean open;

    private ObjectStore(String name) {
        this.name = name;
    }

    /** A builder of the store, for a processor's {@code stores()}: no changelog, no record cache. */
    public static <V> StoreBuilder<KeyValueStore<String, V>> builder(String name) {
        return new Builder<>(name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        // nothing to restore: the store has no changelog
        context.register(root, (key, value) -> {
        });
        open = true;
    }

    @Override
    public void flush() {
        // nothing is buffered
    }

    @Override
    public void close() {
        values.clear();
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public V get(String key) {
        return values.get(Objects.requireNonNull(key, "key"));
    }

    @Override
    public void put(String key, V value) {
        Objects.requireNonNull(key, "key");
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
    }

    @Override
    public V putIfAbsent(String key, V value) {
        V current = get(key);
        if (current == null) {
            put(key, value);
        }
        return current;
    }

    @Override
    public void putAll(List<KeyValue<String, V>> entries) {
        entries.forEach(entry -> put(entry.key, entry.value));
    }

    @Override
    public V delete(String key) {
        return values.remove(Objects.requireNonNull(key, "key"));
    }

    @Override
    public KeyValueIterator<String, V> range(String from, String to) {
        if (from != null && to != null && from.compareTo(to) > 0) {
            return iterator(Map.of());
        }
        NavigableMap<String, V> covered = values;
        if (from != null) {
            covered = covered.tailMap(from, true);
        }
        if (to != null) {
            covered = covered.headMap(to, true);
        }
        return iterator(covered);
    }

    @Override
    public KeyValueIterator<String, V> all() {
        return iterator(values);
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<String, V> prefixScan(P prefix, PS prefixKeySerializer) {
        String start = String.valueOf(Objects.requireNonNull(prefix, "prefix"));
        List<KeyValue<String, V>> matching = new ArrayList<>();
        for (Map.Entry<String, V> entry : values.tailMap(start, true).entrySet()) {
            if (!entry.getKey().startsWith(start)) {
                break;
            }
            matching.add(KeyValue.pair(entry.getKey(), entry.getValue()));
        }
        return new Entries<>(matching);
    }

    @Override
    public long approximateNumEntries() {
        return values.size();
    }

    private static <V> KeyValueIterator<String, V> iterator(Map<String, V> covered) {
        List<KeyValue<String, V>> copy = new ArrayList<>(covered.size());
        covered.forEach((key, value) -> copy.add(KeyValue.pair(key, value)));
        return new Entries<>(copy);
    }

    private static final class Entries<V> implements KeyValueIterator<String, V> {

        private final Iterator<KeyValue<String, V>> entries;
        private KeyValue<String, V> next;

        Entries(List<KeyValue<String, V>> entries) {
            this.entries = entries.iterator();
            this.next = this.entries.hasNext() ? this.entries.next() : null;
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public KeyValue<String, V> next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            KeyValue<String, V> current = next;
            next = entries.hasNext() ? entries.next() : null;
            return current;
        }

        @Override
        public String peekNextKey() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            return next.key;
        }

        @Override
        public void close() {
            // a copy: nothing to release
        }
    }

    private static final class Builder<V> implements StoreBuilder<KeyValueStore<String, V>> {

        private final String name;

        Builder(String name) {
            this.name = name;
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withCachingEnabled() {
            throw new UnsupportedOperationException("an object store has no record cache: its reads cost nothing");
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withLoggingEnabled(Map<String, String> config) {
            throw new UnsupportedOperationException("an object store has no changelog: keep it for values worked "
                    + "out again when the task starts");
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withLoggingDisabled() {
            return this;
        }

        @Override
        public KeyValueStore<String, V> build() {
            return new ObjectStore<>(name);
        }

        @Override
        public Map<String, String> logConfig() {
            return Map.of();
        }

        @Override
        public boolean loggingEnabled() {
            return false;
        }

        @Override
        public String name() {
            return name;
        }
    }
}
