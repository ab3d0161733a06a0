package dev.salespipeline.query.events;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The documents of collections that one writer alone writes (a rebuild's new collections), kept in memory across
 * batches, so that the batches read nothing back and write each document once per window instead of once per batch.
 *
 * <p>Since nothing else writes the collections, what was written is known: an id never written is absent without a
 * query, a document held here is the stored one or newer. A batch's changes are taken here instead of being written;
 * they are written, one unordered bulk write per collection, when half the documents held are waiting
 * ({@link #flush()} writes them all at once too, and so does a query on a collection, so that it finds them). A
 * document never written before is inserted, any other replaced by id. Documents of a kind that is written once and
 * never changed ({@link ProjectionBatch#entries}) are written after every batch and not held.
 *
 * <p>At most {@code capacity} documents are held; after a flush, those used longest ago are let go down to half of
 * it, and read back from the collection if a later batch needs one. A flush that fails leaves every document waiting;
 * the next writes them with upserts, whichever of them the failed one had written.
 */
public final class WriteBehind {

    private final MongoTemplate mongo;
    private final UnaryOperator<String> collections;
    private final int capacity;
    /** Every document held, the one used longest ago first. */
    private final LinkedHashMap<Key, Object> held = new LinkedHashMap<>(16, 0.75f, true);
    /** The kinds of documents seen, in the order they were first asked for: the order they are written in. */
    private final Map<Class<?>, Kind> kinds = new LinkedHashMap<>();
    private int waiting;
    private long written;
    private long bulkWrites;

    /**
     * @param collections the collection each read model's collection is written to
     * @param capacity    the most documents held in memory
     */
    public WriteBehind(MongoTemplate mongo, UnaryOperator<String> collections, int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2, not " + capacity);
        }
        this.mongo = mongo;
        this.collections = collections;
        this.capacity = capacity;
    }

    MongoTemplate mongo() {
        return mongo;
    }

    UnaryOperator<String> collections() {
        return collections;
    }

    private record Key(Class<?> type, String id) {
    }

    /** What is known of one collection: the ids written to it, and those whose documents wait to be written. */
    private static final class Kind {
        private final Set<String> stored = new HashSet<>();
        private final Set<String> dirty = new LinkedHashSet<>();
        private boolean once;
        /** Whether a failed write may have written some of the waiting documents. */
        private boolean uncertain;
    }

    private Kind kind(Class<?> type) {
        return kinds.computeIfAbsent(type, ignored -> new Kind());
    }

    /** Registers a kind of documents written once each and never changed: written after every batch, not held. */
    void once(Class<?> type) {
        kind(type).once = true;
    }

    /**
     * The document as last taken, or {@link #ABSENT} if it was never written, or {@code null} if it must be read from
     * the collection (written, then let go).
     */
    Object get(Class<?> type, String id) {
        Object document = held.get(new Key(type, id));
        if (document != null) {
            return document;
        }
        return kind(type).stored.contains(id) ? null : ABSENT;
    }

    /** Marks a document that was never written. */
    static final Object ABSENT = new Object();

    /** Takes a batch's changed documents, to be written later. */
    <T> void take(Class<T> type, Map<String, T> documents) {
        Kind kind = kind(type);
        for (Map.Entry<String, T> document : documents.entrySet()) {
            held.put(new Key(type, document.getKey()), document.getValue());
            if (kind.dirty.add(document.getKey())) {
                waiting++;
            }
        }
    }

    /** After a batch: writes the documents written once, and every waiting document if half the room is taken. */
    int afterBatch() {
        int writes = 0;
        for (Map.Entry<Class<?>, Kind> kind : kinds.entrySet()) {
            if (kind.getValue().once) {
                writes += write(kind.getKey(), kind.getValue());
            }
        }
        if (waiting * 2L >= capacity) {
            writes += flush();
        }
        return writes;
    }

    /** Writes every waiting document, then lets go of the documents used longest ago down to half the room. */
    public int flush() {
        int writes = 0;
        for (Map.Entry<Class<?>, Kind> kind : kinds.entrySet()) {
            writes += write(kind.getKey(), kind.getValue());
        }
        Iterator<Key> eldest = held.keySet().iterator();
        while (held.size() * 2L > capacity && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
        return writes;
    }

    /** Writes the waiting documents of one collection before a query reads it. */
    void flush(Class<?> type) {
        Kind kind = kinds.get(type);
        if (kind != null) {
            write(type, kind);
        }
    }

    /** Writes the waiting documents of one collection: inserts for those never written, replacements for others. */
    private int write(Class<?> type, Kind kind) {
        if (kind.dirty.isEmpty()) {
            return 0;
        }
        BulkOperations bulk = mongo.bulkOps(BulkMode.UNORDERED, type, collections.apply(mongo.getCollectionName(type)));
        List<Object> inserts = new ArrayList<>();
        for (String id : kind.dirty) {
            Object document = held.get(new Key(type, id));
            if (document == null) {
                throw new IllegalStateException("a waiting " + type.getSimpleName() + " " + id + " was let go");
            }
            if (!kind.uncertain && !kind.stored.contains(id)) {
                inserts.add(document);
            } else {
                bulk.replaceOne(Query.query(Criteria.where("_id").is(id)), document,
                        FindAndReplaceOptions.options().upsert());
            }
        }
        if (!inserts.isEmpty()) {
            bulk.insert(inserts);
        }
        int count = kind.dirty.size();
        kind.uncertain = true;
        bulk.execute();
        kind.uncertain = false;
        kind.stored.addAll(kind.dirty);
        if (kind.once) {
            for (String id : kind.dirty) {
                held.remove(new Key(type, id));
            }
        }
        waiting -= count;
        kind.dirty.clear();
        written += count;
        bulkWrites++;
        return count;
    }

    /** Documents written so far. */
    public long written() {
        return written;
    }

    /** Bulk writes made so far. */
    public long bulkWrites() {
        return bulkWrites;
    }

    /** Documents held in memory now. */
    public int held() {
        return held.size();
    }
}
