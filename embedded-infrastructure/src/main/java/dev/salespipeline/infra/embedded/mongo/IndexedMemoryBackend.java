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
 * The in-memory backend with secondary indexes that are used: {@link LeadingKeyIndex} for declared non-unique
 * indexes and {@link IdLookup} for queries on {@code _id} with further conditions.
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
            return byId == null ? super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector)
                    : matchDocuments(query, byId, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
    }
}
