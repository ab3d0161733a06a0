package dev.salespipeline.query.events;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The documents of one collection that a batch of events reads or changes, held in memory while the batch is
 * folded. Documents are read in bulk ({@link #load}, {@link #loadWhere}); a document asked for without having been
 * loaded is read on its own, which is correct but slow, so projections load what their events need first.
 *
 * <p>Each changed document is written once, as a replacement. A <em>guarded</em> set writes a document only over an
 * older one: the filter is its id and {@code guardField < guard}, with an upsert; when the stored document is as new or
 * newer (a redelivered batch, or another consumer ahead after a rebalance), the filter matches nothing, the upsert
 * collides with the id and the write is dropped as the duplicate key it raises. An unguarded set is for documents
 * that depend only on their events, so that writing one again writes the same.
 *
 * <p>The guard always holds against the documents the batch read: an event a document has taken is not applied to
 * it again. In the server's filter it also holds against a writer that got ahead since (a consumer that lost its
 * partitions but still finishes a batch). A batch writing collections no one else writes (a rebuild's) leaves it
 * out of the filter.
 *
 * @param <T> the document type, a mapped record
 */
public final class Documents<T> {

    private final ProjectionBatch batch;
    private final Class<T> type;
    private final Function<T, String> id;
    private final String guardField;
    private final Function<T, Object> guard;
    /** Every id asked for: the document, or null when there is none. */
    private final Map<String, T> known = new HashMap<>();
    private final Set<String> changed = new LinkedHashSet<>();

    Documents(ProjectionBatch batch, Class<T> type, Function<T, String> id, String guardField,
              Function<T, Object> guard) {
        this.batch = batch;
        this.type = type;
        this.id = id;
        this.guardField = guardField;
        this.guard = guard;
    }

    /** Reads, in one query, the documents with these ids that are not known yet. */
    public void load(Collection<String> ids) {
        List<String> missing = ids.stream().filter(candidate -> !known.containsKey(candidate)).distinct()
                .filter(candidate -> !held(candidate)).toList();
        if (missing.isEmpty()) {
            return;
        }
        for (T document : batch.findById(Query.query(where("_id").in(missing)), type)) {
            known.put(id.apply(document), document);
        }
        missing.forEach(candidate -> known.putIfAbsent(candidate, null));
    }

    /**
     * Reads, in one query, every document the criteria match; ids in {@code absentUnlessFound} that it does not find
     * are then known to be absent.
     */
    public List<T> loadWhere(Criteria criteria, Collection<String> absentUnlessFound) {
        List<T> found = new ArrayList<>();
        for (T document : batch.find(Query.query(criteria), type)) {
            String documentId = id.apply(document);
            // A document changed in this batch already is newer than the stored one.
            T current = known.get(documentId);
            if (current == null && held(documentId)) {
                current = known.get(documentId);
            }
            if (current == null) {
                known.put(documentId, document);
                current = document;
            }
            found.add(current);
        }
        absentUnlessFound.forEach(candidate -> known.putIfAbsent(candidate, null));
        return found;
    }

    /** The document as the batch has it so far, or null if there is none. */
    public T get(String documentId) {
        if (!known.containsKey(documentId) && !held(documentId)) {
            List<T> found = batch.findById(Query.query(where("_id").is(documentId)), type);
            known.put(documentId, found.isEmpty() ? null : found.get(0));
        }
        return known.get(documentId);
    }

    /** The documents known in this batch, stored or changed, that are not absent. */
    public Collection<T> known() {
        return Collections.unmodifiableCollection(known.values().stream().filter(document -> document != null).toList());
    }

    /** Takes the document's new state, to be written after the batch. */
    public void put(T document) {
        String documentId = id.apply(document);
        known.put(documentId, document);
        changed.add(documentId);
    }

    /**
     * Whether the batch's {@link WriteBehind} knows the document without a query (it holds it, or it was never
     * written); if so, the document is known to the batch from then on.
     */
    private boolean held(String documentId) {
        WriteBehind writeBehind = batch.writeBehind();
        if (writeBehind == null) {
            return false;
        }
        Object document = writeBehind.get(type, documentId);
        if (document == null) {
            return false;
        }
        known.put(documentId, document == WriteBehind.ABSENT ? null : type.cast(document));
        return true;
    }

    /** Hands the changed documents to the write-behind, in place of a write. */
    void handTo(WriteBehind writeBehind) {
        if (changed.isEmpty()) {
            return;
        }
        Map<String, T> documents = new LinkedHashMap<>();
        for (String documentId : changed) {
            documents.put(documentId, known.get(documentId));
        }
        writeBehind.take(type, documents);
    }

    int changedCount() {
        return changed.size();
    }

    boolean guarded() {
        return guardField != null;
    }

    /** Adds a replacement of every changed document to the bulk write, with its guard in the filter if asked. */
    void writeTo(BulkOperations bulk, boolean withGuard) {
        for (String documentId : changed) {
            T document = known.get(documentId);
            Criteria filter = where("_id").is(documentId);
            if (guardField != null && withGuard) {
                // Not "less than": it also matches a stored document from before the field existed.
                filter = filter.and(guardField).not().gte(guard.apply(document));
            }
            bulk.replaceOne(Query.query(filter), document, FindAndReplaceOptions.options().upsert());
        }
    }

    Class<T> type() {
        return type;
    }
}
