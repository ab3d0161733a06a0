package dev.salespipeline.infra.embedded.mongo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * A non-unique secondary index kept in memory, used for queries that ask for one value (or an {@code $in} of values)
 * of the index's first field. The server it plugs into otherwise accepts non-unique indexes but ignores them, so that
 * every query on a field other than {@code _id} reads the whole collection.
 *
 * <p>The index answers only for plain values whose equality is that of {@link Object#equals} (strings, object ids and
 * UUIDs) and leaves every other query to a scan; for those it finds exactly the documents whose field, or an element
 * of it, is one of the values, as MongoDB matches them (an array inside the array is not looked into, as MongoDB does
 * not, where the server's own matcher would). The server then matches the documents it found against the
 * rest of the query only ({@link #lookup}): the condition the index answered needs no second look, which saves most
 * of a query's time where the field holds an array of many keys. It is rebuilt from the documents when the server
 * opens a store.
 *
 * @param <P> how the backend addresses a document
 */
final class LeadingKeyIndex<P> extends Index<P> {

    private static final String ID = "_id";
    private static final String IN = "$in";
    private static final String EQ = "$eq";

    private final String field;
    private final Map<Object, Set<P>> positionsByValue = new HashMap<>();
    private final Map<Object, P> positionsById = new HashMap<>();

    LeadingKeyIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.field = keys.get(0).getKey();
    }

    /** Whether this index can serve {@code keys}: its first field is a top-level field other than {@code _id}. */
    static boolean supports(List<IndexKey> keys) {
        String first = keys.get(0).getKey();
        return !first.contains(".") && !first.equals(ID);
    }

    /** The documents an index found for a query, and what of the query is left to match them against. */
    record Lookup<P>(Iterable<P> positions, Document rest) {
    }

    /**
     * How the server would read the query (through the first index able to answer it), when that index is one of
     * these: the documents it finds and the query without the condition it answered; null when the server reads it
     * otherwise, through another index or by a scan.
     */
    static <P> Lookup<P> lookup(List<Index<P>> indexes, Document query) {
        for (Index<P> index : indexes) {
            if (index.canHandle(query)) {
                if (!(index instanceof LeadingKeyIndex<P> leading)) {
                    return null;
                }
                Document rest = new Document(query);
                rest.remove(leading.field);
                return new Lookup<>(leading.getPositions(query), rest);
            }
        }
        return null;
    }

    @Override
    public synchronized P getPosition(Document document) {
        return positionsById.get(document.get(ID));
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public synchronized void add(Document document, P position, MongoCollection<P> collection) {
        positionsById.put(document.get(ID), position);
        for (Object value : indexedValues(document.get(field))) {
            positionsByValue.computeIfAbsent(value, v -> new LinkedHashSet<>()).add(position);
        }
    }

    @Override
    public synchronized P remove(Document document) {
        P position = positionsById.remove(document.get(ID));
        if (position != null) {
            forget(document, position);
        }
        return position;
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        return values(query.get(field)) != null;
    }

    @Override
    public synchronized Iterable<P> getPositions(Document query) {
        Set<P> positions = new LinkedHashSet<>();
        for (Object value : values(query.get(field))) {
            positions.addAll(positionsByValue.getOrDefault(value, Set.of()));
        }
        return new ArrayList<>(positions);
    }

    @Override
    public synchronized long getCount() {
        return positionsById.size();
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, P position,
                                           MongoCollection<P> collection) {
        forget(oldDocument, position);
        positionsById.remove(oldDocument.get(ID));
        add(newDocument, position, collection);
    }

    @Override
    public synchronized void drop() {
        positionsByValue.clear();
        positionsById.clear();
    }

    @Override
    public boolean isUnique() {
        return false;
    }

    private void forget(Document document, P position) {
        for (Object value : indexedValues(document.get(field))) {
            Set<P> positions = positionsByValue.get(value);
            if (positions != null) {
                positions.remove(position);
                if (positions.isEmpty()) {
                    positionsByValue.remove(value);
                }
            }
        }
    }

    /** The values a document is found under: its field's value, or each element of an array. */
    private static List<Object> indexedValues(Object value) {
        List<Object> values = new ArrayList<>();
        if (value instanceof Collection<?> elements) {
            for (Object element : elements) {
                if (plain(element)) {
                    values.add(element);
                }
            }
        } else if (plain(value)) {
            values.add(value);
        }
        return values;
    }

    /**
     * The values a query's condition on a field asks for, or {@code null} if it is not a plain match: one value, or an
     * {@code $in} of values, of a type whose equality is that of {@link Object#equals}.
     */
    static Collection<?> values(Object condition) {
        if (plain(condition)) {
            return List.of(condition);
        }
        if (condition instanceof Document operators && operators.size() == 1) {
            Object operand = operators.get(EQ);
            if (plain(operand)) {
                return List.of(operand);
            }
            if (operators.get(IN) instanceof Collection<?> candidates && !candidates.isEmpty()
                    && candidates.stream().allMatch(LeadingKeyIndex::plain)) {
                return candidates;
            }
        }
        return null;
    }

    static boolean plain(Object value) {
        return value instanceof String || value instanceof ObjectId || value instanceof UUID;
    }
}
