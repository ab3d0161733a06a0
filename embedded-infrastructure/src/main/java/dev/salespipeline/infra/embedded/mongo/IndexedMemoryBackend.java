package dev.salespipeline.infra.embedded.mongo;

import java.util.List;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The in-memory backend with secondary indexes that are used: {@link CompoundKeyIndex} for declared non-unique
 * indexes on top-level fields, {@link LeadingKeyIndex} for the others, and {@link IdLookup} for queries on {@code _id}
 * with further conditions.
 */
public final class IndexedMemoryBackend extends MemoryBackend {

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getCursorRegistry());
    }

    private static final class Database extends MemoryDatabase {

        Database(String databaseName, CursorRegistry cursors) {
            super(databaseName, cursors);
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            return new Collection(this, collectionName, options, cursorRegistry);
        }

        @Override
        protected Index<Integer> openOrCreateSecondaryIndex(String collectionName, String indexName,
                                                            List<IndexKey> keys, boolean sparse) {
            if (CompoundKeyIndex.supports(keys)) {
                return new CompoundKeyIndex<>(indexName, keys, sparse);
            }
            return LeadingKeyIndex.supports(keys) ? new LeadingKeyIndex<>(indexName, keys, sparse)
                    : super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
        }
    }

    private static final class Collection extends MemoryCollection {

        Collection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
            super(database, name, options, cursors);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                             int batchSize, Document fieldSelector) {
            Iterable<Integer> byId = IdLookup.positions(getIndexes(), query);
            if (byId != null) {
                return matchDocuments(query, byId, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            }
            CompoundKeyIndex.Plan<Integer> plan = CompoundKeyIndex.plan(getIndexes(), query, orderBy);
            if (plan == null) {
                LeadingKeyIndex.Lookup<Integer> lookup = LeadingKeyIndex.lookup(getIndexes(), query);
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
