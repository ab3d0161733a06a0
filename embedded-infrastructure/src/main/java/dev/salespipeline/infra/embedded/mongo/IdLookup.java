package dev.salespipeline.infra.embedded.mongo;

import java.util.List;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * Finds the documents of a query that names one {@code _id} and more conditions, such as
 * {@code {_id: "deal-1", version: {$lt: 7}}}, through the {@code _id} index. The server uses that index only when
 * {@code _id} is the query's only field and otherwise reads the whole collection; the candidates found here are
 * still matched against the whole query.
 */
final class IdLookup {

    private static final String ID = "_id";

    private IdLookup() {
    }

    /** The positions of the documents with the query's {@code _id}, or {@code null} if this lookup does not apply. */
    static <P> Iterable<P> positions(List<Index<P>> indexes, Document query) {
        Object id = query.get(ID);
        if (query.size() < 2 || !(id instanceof String || id instanceof ObjectId || id instanceof UUID)) {
            return null;
        }
        for (Index<P> index : indexes) {
            if (index.isUnique() && index.getKeys().size() == 1 && index.getKeys().get(0).getKey().equals(ID)) {
                return index.getPositions(new Document(ID, id));
            }
        }
        return null;
    }
}
