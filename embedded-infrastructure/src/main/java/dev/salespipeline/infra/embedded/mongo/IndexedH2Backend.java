package dev.salespipeline.infra.embedded.mongo;

import java.util.List;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The H2 MVStore backend (documents kept in a file) with indexes kept in memory and rebuilt from the documents when
 * the file is opened: {@link InMemoryUniqueIndex} for unique ones ({@code _id} among them), {@link CompoundKeyIndex}
 * for declared non-unique ones on top-level fields and {@link LeadingKeyIndex} for the others, which the plain backend
 * ignores, and {@link IdLookup} for queries on {@code _id} with further conditions. The documents are stored in
 * BSON ({@link BsonDocumentType}) where the plain backend serializes them; its index maps in the file are neither read
 * nor kept up to date.
 */
public final class IndexedH2Backend extends H2Backend {

    private static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";
    private static final String REENCODING_PREFIX = "reencoding.";
    private static final String FORMAT = "format";
    private static final String DOCUMENTS = "documents";
    private static final String BSON = "bson";

    public IndexedH2Backend(String fileName) {
        super(withBsonDocuments(MVStore.open(fileName)));
    }

    /**
     * The store, its collections' documents in BSON ({@link BsonDocumentType}). A file written by the plain backend,
     * or by an earlier version of this one, keeps them Java-serialized: each of its collections is copied once into
     * a BSON map that takes the old one's name. The old map is removed only once its copy is whole, so a copy cut
     * short is begun again the next time the file is opened, and a whole copy whose old map is gone takes its name.
     */
    static MVStore withBsonDocuments(MVStore store) {
        MVMap<String, String> format = store.openMap(FORMAT);
        if (BSON.equals(format.get(DOCUMENTS))) {
            return store;
        }
        for (String name : List.copyOf(store.getMapNames())) {
            if (name.startsWith(REENCODING_PREFIX)) {
                String original = name.substring(REENCODING_PREFIX.length());
                if (store.hasMap(original)) {
                    store.removeMap(name);
                } else {
                    store.renameMap(store.openMap(name, documents()), original);
                }
            }
        }
        for (String name : List.copyOf(store.getMapNames())) {
            if (name.startsWith(DATA_PREFIX)) {
                MVMap<Object, Document> serialized = store.openMap(name);
                MVMap<Object, Document> bson = store.openMap(REENCODING_PREFIX + name, documents());
                serialized.forEach(bson::put);
                store.removeMap(serialized);
                store.renameMap(bson, name);
            }
        }
        format.put(DOCUMENTS, BSON);
        store.commit();
        return store;
    }

    private static MVMap.Builder<Object, Document> documents() {
        return new MVMap.Builder<Object, Document>().valueType(BsonDocumentType.INSTANCE);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    /** An inner class, so that the store is at hand while the superclass's constructor opens the collections. */
    private final class Database extends H2Database {

        Database(String databaseName) {
            super(databaseName, getMvStore(), getCursorRegistry());
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String fullName = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> data = getMvStore().openMap(DATA_PREFIX + fullName, documents());
            MVMap<String, Object> meta = getMvStore().openMap(META_PREFIX + fullName);
            return new Collection(this, collectionName, options, data, meta);
        }

        /**
         * Renames the collection's maps in the file too. The plain backend looks its maps up by the new name once the
         * collection has it, so it renames a new, empty map and leaves the documents under the old name: they were
         * there until the file was opened again, and then the collection was empty. A rebuild swaps its collections
         * in by renaming them.
         */
        @Override
        public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
            String from = collection.getFullName();
            super.moveCollection(oldDatabase, collection, newCollectionName);
            String to = collection.getFullName();
            moveMap(DATA_PREFIX + from, DATA_PREFIX + to);
            moveMap(META_PREFIX + from, META_PREFIX + to);
        }

        private void moveMap(String from, String to) {
            MVStore store = getMvStore();
            if (from.equals(to) || !store.hasMap(from)) {
                return;
            }
            if (store.hasMap(to)) {
                store.removeMap(to);
            }
            store.renameMap(store.openMap(from), to);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            return new InMemoryUniqueIndex<>(indexName, keys, sparse);
        }

        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                           boolean sparse) {
            if (CompoundKeyIndex.supports(keys)) {
                return new CompoundKeyIndex<>(indexName, keys, sparse);
            }
            return LeadingKeyIndex.supports(keys) ? new LeadingKeyIndex<>(indexName, keys, sparse)
                    : super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
        }
    }

    private final class Collection extends H2Collection {

        Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
                   MVMap<String, Object> meta) {
            super(database, name, options, data, meta, getCursorRegistry());
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                             int batchSize, Document fieldSelector) {
            Iterable<Object> byId = IdLookup.positions(getIndexes(), query);
            if (byId != null) {
                return matchDocuments(query, byId, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            }
            CompoundKeyIndex.Plan<Object> plan = CompoundKeyIndex.plan(getIndexes(), query, orderBy);
            if (plan == null) {
                LeadingKeyIndex.Lookup<Object> lookup = LeadingKeyIndex.lookup(getIndexes(), query);
                return lookup == null
                        ? super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector)
                        : matchDocuments(lookup.rest(), lookup.positions(), orderBy, numberToSkip, limit, batchSize,
                                fieldSelector);
            }
            if (plan.ordered()) {
                // In the sort's order already: matched lazily, so a page stops reading at its last document.
                return matchDocumentsFromStream(query, plan.positions().stream().map(this::getDocument), numberToSkip,
                        limit, batchSize, null, fieldSelector);
            }
            return matchDocuments(query, plan.positions(), orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
    }
}
