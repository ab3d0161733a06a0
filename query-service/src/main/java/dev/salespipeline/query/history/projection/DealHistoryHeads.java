package dev.salespipeline.query.history.projection;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * For each deal, the sequence numbers of its latest and previous deal version and stage interval, so that
 * projecting an event finds the document it builds on by id instead of by a sorted query over all of the
 * deal's documents (which a store without secondary indexes answers by scanning the collection). Events of
 * one deal are applied one at a time and in order, so a read-then-write per deal is safe.
 *
 * <p>Derived from the same events as the documents it points to, so a rebuild recreates it.
 */
final class DealHistoryHeads {

    static final String COLLECTION = "deal_history_heads";

    private DealHistoryHeads() {
    }

    /**
     * @param version          sequence of the deal's latest version, or null
     * @param previousVersion  sequence of the version before it, or null
     * @param interval         entering sequence of the deal's latest stage interval, or null
     * @param previousInterval entering sequence of the interval before it, or null
     */
    @Document(COLLECTION)
    record Head(@Id String dealId, Long version, Long previousVersion, Long interval, Long previousInterval) {
    }

    /**
     * The sequence of the deal's latest version before {@code sequence}, or null when the heads cannot tell
     * (an event older than the previous version, delivered again): the caller then asks the collection.
     */
    static Long versionBefore(MongoTemplate mongo, String dealId, long sequence) {
        Head head = mongo.findById(dealId, Head.class);
        if (head == null || head.version() == null) {
            return null;
        }
        return before(sequence, head.version(), head.previousVersion());
    }

    static Long intervalBefore(MongoTemplate mongo, String dealId, long sequence) {
        Head head = mongo.findById(dealId, Head.class);
        if (head == null || head.interval() == null) {
            return null;
        }
        return before(sequence, head.interval(), head.previousInterval());
    }

    static void versionSaved(MongoTemplate mongo, String dealId, long sequence) {
        moved(mongo, dealId, sequence, "version", "previousVersion");
    }

    static void intervalEntered(MongoTemplate mongo, String dealId, long sequence) {
        moved(mongo, dealId, sequence, "interval", "previousInterval");
    }

    private static Long before(long sequence, long latest, Long previous) {
        if (latest < sequence) {
            return latest;
        }
        if (latest == sequence) {
            return previous == null ? -1L : previous;
        }
        return null;
    }

    private static void moved(MongoTemplate mongo, String dealId, long sequence, String latest, String previous) {
        Head head = mongo.findById(dealId, Head.class);
        Long current = head == null ? null : "version".equals(latest) ? head.version() : head.interval();
        if (current != null && current >= sequence) {
            return;
        }
        mongo.upsert(Query.query(where("_id").is(dealId)), new Update().set(latest, sequence).set(previous, current),
                Head.class);
    }
}
