package dev.salespipeline.infra.embedded.mongo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A non-unique secondary index on top-level fields, kept in memory in the order of its keys, as a B-tree index of
 * MongoDB is. It serves a query that asks for one value of each of its first fields (or a few values, {@code $in}),
 * and, when the query is sorted by the index's remaining fields in the index's order or exactly against it, gives the
 * documents in that order, so that a page of {@code limit} documents reads about that many documents rather than all
 * those matching and sorting them. The server it plugs into otherwise ignores non-unique indexes, and a sort always
 * reads and sorts every candidate.
 *
 * <p>The index only narrows and orders the candidates: the server still matches each against the whole query. It
 * answers only for plain values ({@link LeadingKeyIndex#values}: strings, object ids and UUIDs) in the
 * fields it looks up and orders with the comparator the server sorts with. A document with an array in one of its
 * fields (where MongoDB's order of a multikey index is not a plain order of values) is a candidate for every query, and
 * while there is one the index gives no order. It is rebuilt from the documents when the server opens a store.
 *
 * @param <P> how the backend addresses a document
 */
final class CompoundKeyIndex<P> extends Index<P> {

    private static final String ID = "_id";
    /** At most this many value combinations are looked up for one query; more are left to a scan. */
    private static final int MAX_RANGES = 1_000;

    private final List<String> fields;
    private final boolean[] ascending;
    private final NavigableMap<Key, P> entries = new TreeMap<>(this::compare);
    private final Map<Object, Key> keysById = new HashMap<>();
    /**
     * Documents with an array in an indexed field, by id, kept out of the ordered entries: they are candidates for
     * every query, and while there are any the index gives no order.
     */
    private final Map<Object, P> withArrays = new HashMap<>();

    CompoundKeyIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.fields = keys.stream().map(IndexKey::getKey).toList();
        this.ascending = new boolean[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            ascending[i] = keys.get(i).isAscending();
        }
    }

    /**
     * Whether this index can serve {@code keys}: two or more top-level fields, the first other than {@code _id}. (An
     * index of one field is often on an array, which {@link LeadingKeyIndex} serves element by element.)
     */
    static boolean supports(List<IndexKey> keys) {
        return keys.size() > 1 && !keys.get(0).getKey().equals(ID)
                && keys.stream().noneMatch(key -> key.getKey().contains("."));
    }

    /** How a query is read through one of these indexes: the documents' positions, and whether they are in order. */
    record Plan<P>(List<P> positions, boolean ordered) {
    }

    /**
     * The best plan among the collection's indexes of this kind for a query and its sort, or null when none applies:
     * the index that fixes most leading fields with the query's values, and of those one that gives the sort's order.
     */
    static <P> Plan<P> plan(List<Index<P>> indexes, Document query, Document orderBy) {
        CompoundKeyIndex<P> best = null;
        int bestPrefix = 0;
        boolean bestOrdered = false;
        for (Index<P> index : indexes) {
            if (!(index instanceof CompoundKeyIndex<P> compound)) {
                continue;
            }
            int prefix = compound.prefix(query);
            if (prefix == 0) {
                continue;
            }
            boolean ordered = compound.orders(query, prefix, orderBy) != 0;
            if (prefix > bestPrefix || (prefix == bestPrefix && ordered && !bestOrdered)) {
                best = compound;
                bestPrefix = prefix;
                bestOrdered = ordered;
            }
        }
        return best == null ? null : best.positions(query, bestPrefix, orderBy);
    }

    @Override
    public synchronized P getPosition(Document document) {
        Object id = document.get(ID);
        Key key = keysById.get(id);
        return key == null ? withArrays.get(id) : entries.get(key);
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public synchronized void add(Document document, P position, MongoCollection<P> collection) {
        Object id = document.get(ID);
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = document.getOrMissing(fields.get(i));
            if (values[i] instanceof Collection<?>) {
                withArrays.put(id, position);
                return;
            }
        }
        Key key = new Key(values, id, 0);
        keysById.put(id, key);
        entries.put(key, position);
    }

    @Override
    public synchronized P remove(Document document) {
        Object id = document.get(ID);
        P withArray = withArrays.remove(id);
        if (withArray != null) {
            return withArray;
        }
        Key key = keysById.remove(id);
        return key == null ? null : entries.remove(key);
    }

    @Override
    public boolean canHandle(Document query) {
        // Queries come through plan(), which also sees the sort; the server's own choice of index never picks this one.
        return false;
    }

    @Override
    public Iterable<P> getPositions(Document query) {
        throw new UnsupportedOperationException("read through CompoundKeyIndex.plan");
    }

    @Override
    public synchronized long getCount() {
        return keysById.size() + withArrays.size();
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
        Object id = newDocument.get(ID);
        Key key = keysById.get(id);
        if (key != null && Objects.equals(id, oldDocument.get(ID)) && holds(key, newDocument)
                && Objects.equals(entries.get(key), position)) {
            // a change of fields this index does not hold leaves its entry where it is
            return;
        }
        remove(oldDocument);
        add(newDocument, position, collection);
    }

    /** Whether the document's indexed fields are those of the key, so that its entry stays where it is. */
    private boolean holds(Key key, Document document) {
        for (int i = 0; i < fields.size(); i++) {
            if (!Objects.equals(key.values[i], document.getOrMissing(fields.get(i)))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized void drop() {
        entries.clear();
        keysById.clear();
        withArrays.clear();
    }

    @Override
    public boolean isUnique() {
        return false;
    }

    /** How many leading fields the query fixes to plain values. */
    private int prefix(Document query) {
        int prefix = 0;
        while (prefix < fields.size() && LeadingKeyIndex.values(query.get(fields.get(prefix))) != null) {
            prefix++;
        }
        return prefix;
    }

    /**
     * 1 if the query's sort is the index's order after the first {@code prefix} fields, -1 if exactly against it, 0 if
     * neither (or some fixed field takes more than one value, so that the ranges do not follow each other in order).
     */
    private synchronized int orders(Document query, int prefix, Document orderBy) {
        if (!withArrays.isEmpty() || orderBy == null || orderBy.isEmpty() || orderBy.size() != fields.size() - prefix) {
            return 0;
        }
        for (int i = 0; i < prefix; i++) {
            if (LeadingKeyIndex.values(query.get(fields.get(i))).size() != 1) {
                return 0;
            }
        }
        int direction = 0;
        int i = prefix;
        for (Map.Entry<String, Object> sort : orderBy.entrySet()) {
            if (!sort.getKey().equals(fields.get(i)) || !(sort.getValue() instanceof Number number)) {
                return 0;
            }
            int same = (number.intValue() > 0) == ascending[i] ? 1 : -1;
            if (direction != 0 && direction != same) {
                return 0;
            }
            direction = same;
            i++;
        }
        return direction;
    }

    private synchronized Plan<P> positions(Document query, int prefix, Document orderBy) {
        List<Object[]> ranges = new ArrayList<>();
        ranges.add(new Object[0]);
        for (int i = 0; i < prefix; i++) {
            Collection<?> values = LeadingKeyIndex.values(query.get(fields.get(i)));
            if ((long) ranges.size() * values.size() > MAX_RANGES) {
                break;
            }
            List<Object[]> longer = new ArrayList<>(ranges.size() * values.size());
            for (Object[] range : ranges) {
                for (Object value : new HashSet<>(values)) {
                    Object[] next = Arrays.copyOf(range, range.length + 1);
                    next[range.length] = value;
                    longer.add(next);
                }
            }
            ranges = longer;
        }
        int direction = ranges.get(0).length == prefix ? orders(query, prefix, orderBy) : 0;
        List<P> positions = new ArrayList<>();
        for (Object[] range : ranges) {
            NavigableMap<Key, P> within = entries.subMap(new Key(range, null, -1), true, new Key(range, null, 1), true);
            positions.addAll((direction < 0 ? within.descendingMap() : within).values());
        }
        // Documents with arrays are candidates for every query, left to the server to match and sort.
        positions.addAll(withArrays.values());
        return new Plan<>(positions, direction != 0);
    }

    /**
     * Index order: field by field, each ascending or descending as declared, by the server's order of values, then by
     * id. A key with fewer values than fields stands for the lowest ({@code bound} -1) or highest (+1) key that starts
     * with them.
     */
    private int compare(Key a, Key b) {
        int common = Math.min(a.values.length, b.values.length);
        for (int i = 0; i < common; i++) {
            int order = ValueComparator.asc().compare(a.values[i], b.values[i]);
            if (order != 0) {
                return ascending[i] ? order : -order;
            }
        }
        if (a.values.length != b.values.length || a.bound != 0 || b.bound != 0) {
            return Integer.compare(a.bound, b.bound);
        }
        return ValueComparator.asc().compare(a.id, b.id);
    }

    private record Key(Object[] values, Object id, int bound) {
    }
}
