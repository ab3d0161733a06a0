package dev.salespipeline.command.axon;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * An Axon {@link Cache} that keeps the {@code capacity} most recently used entries and drops the least recently
 * used one when a new entry would exceed it.
 *
 * <p>Axon's {@code WeakReferenceCache} keeps an entry only until the next garbage collection: under load that is a
 * few seconds, so about half the commands on a deal loaded it again from the store (a snapshot read, an event read
 * and their deserialization). A bound in entries keeps the hot deals whatever the collector does, and keeps the
 * memory it holds bounded too.
 *
 * <p>Every operation takes the cache's lock; each is a hash lookup and a few link changes, far below the cost of the
 * command around it.
 */
public final class BoundedCache implements Cache {

    private final int capacity;
    private final LinkedHashMap<Object, Object> entries;
    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();

    public BoundedCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a cache holds at least one entry, not " + capacity);
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object value;
        synchronized (entries) {
            value = entries.get(key);
        }
        if (value != null) {
            listeners.forEach(listener -> listener.onEntryRead(key, value));
        }
        return (V) value;
    }

    @Override
    public void put(Object key, Object value) {
        if (value == null) {
            remove(key);
            return;
        }
        Object previous;
        Object dropped;
        synchronized (entries) {
            previous = entries.put(key, value);
            dropped = dropEldestAboveCapacity();
        }
        notifyPut(key, value, previous);
        notifyDropped(dropped);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return insertIfAbsent(key, value) == null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        T present = get(key);
        if (present != null) {
            return present;
        }
        T computed = valueSupplier.get();
        Object winner = insertIfAbsent(key, computed);
        return winner == null ? computed : (T) winner;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        Object updated;
        synchronized (entries) {
            updated = entries.computeIfPresent(key, (k, value) -> update.apply((V) value));
        }
        if (updated != null) {
            listeners.forEach(listener -> listener.onEntryUpdated(key, updated));
        } else {
            listeners.forEach(listener -> listener.onEntryRemoved(key));
        }
    }

    @Override
    public boolean remove(Object key) {
        boolean removed;
        synchronized (entries) {
            removed = entries.remove(key) != null;
        }
        if (removed) {
            listeners.forEach(listener -> listener.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public void removeAll() {
        List<Object> keys;
        synchronized (entries) {
            keys = List.copyOf(entries.keySet());
            entries.clear();
        }
        keys.forEach(key -> listeners.forEach(listener -> listener.onEntryRemoved(key)));
    }

    @Override
    public boolean containsKey(Object key) {
        synchronized (entries) {
            return entries.containsKey(key);
        }
    }

    /** How many entries the cache holds now. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Adds the entry unless the key has one, and returns the entry that was there, or null if it was added. */
    private Object insertIfAbsent(Object key, Object value) {
        Object present;
        Object dropped;
        synchronized (entries) {
            present = entries.putIfAbsent(key, value);
            dropped = present == null ? dropEldestAboveCapacity() : null;
        }
        if (present == null) {
            notifyPut(key, value, null);
            notifyDropped(dropped);
        }
        return present;
    }

    /** Called with the lock held, after an entry was added: at most one entry is ever above the capacity. */
    private Object dropEldestAboveCapacity() {
        if (entries.size() <= capacity) {
            return null;
        }
        Iterator<Object> eldest = entries.keySet().iterator();
        Object dropped = eldest.next();
        eldest.remove();
        return dropped;
    }

    private void notifyPut(Object key, Object value, Object previous) {
        if (previous == null) {
            listeners.forEach(listener -> listener.onEntryCreated(key, value));
        } else {
            listeners.forEach(listener -> listener.onEntryUpdated(key, value));
        }
    }

    private void notifyDropped(Object dropped) {
        if (dropped != null) {
            listeners.forEach(listener -> listener.onEntryExpired(dropped));
        }
    }
}
