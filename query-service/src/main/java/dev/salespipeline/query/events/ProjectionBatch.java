package dev.salespipeline.query.events;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import com.mongodb.bulk.BulkWriteError;

import dev.salespipeline.api.envelope.EventEnvelope;

/**
 * One batch of events being projected: the documents its events change, held in memory by collection, and the writes
 * that follow. After every projection has applied every event, {@link #write()} makes one unordered bulk write per
 * collection, each document once. Nothing is written before that (a projection's {@link Projection#finish} aside), so
 * a batch that fails is applied again from the stored documents, and one whose writes were made but whose offsets were
 * not committed changes nothing the second time (see {@link Documents}).
 *
 * <p>Collections are written in the order they were first asked for, one after the other. A collection whose
 * documents point to documents of another (the deal history heads) is asked for after it, so that a crash between
 * two bulk writes never leaves a pointer to a document that is not there.
 */
public final class ProjectionBatch {

    /** MongoDB's duplicate-key error: a guarded write that found a newer document. */
    private static final int DUPLICATE_KEY = 11000;

    private final MongoTemplate mongo;
    private final UnaryOperator<String> collections;
    private final boolean rebuild;
    private final boolean guardedWrites;
    private final WriteBehind writeBehind;
    private final Map<Class<?>, Documents<?>> documents = new LinkedHashMap<>();
    private final Map<Object, Object> state = new LinkedHashMap<>();
    private final Map<EventEnvelope<?>, Position> positions = new IdentityHashMap<>();
    private int bulkWrites;
    private int written;

    /** A batch of the live read models, its writes guarded in the server. */
    public ProjectionBatch(MongoTemplate mongo) {
        this(mongo, UnaryOperator.identity(), false, true);
    }

    /**
     * @param collections   the collection each read model's collection is written to (a rebuild writes new ones)
     * @param rebuild       whether the batch rebuilds the read models, so that what is not rebuilt is left alone
     * @param guardedWrites whether a guarded document's write also carries its guard to the server (see
     *                      {@link Documents}); without, the write replaces by id alone, and the guard holds only
     *                      against what the batch read
     */
    public ProjectionBatch(MongoTemplate mongo, UnaryOperator<String> collections, boolean rebuild,
                           boolean guardedWrites) {
        this(mongo, collections, rebuild, guardedWrites, null);
    }

    /**
     * A batch of a rebuild whose collections nobody else writes: it reads what earlier batches wrote from
     * {@code writeBehind}, not from the collections, and hands its changes there instead of writing them.
     */
    public ProjectionBatch(WriteBehind writeBehind) {
        this(writeBehind.mongo(), writeBehind.collections(), true, false, writeBehind);
    }

    private ProjectionBatch(MongoTemplate mongo, UnaryOperator<String> collections, boolean rebuild,
                            boolean guardedWrites, WriteBehind writeBehind) {
        this.mongo = mongo;
        this.collections = collections;
        this.rebuild = rebuild;
        this.guardedWrites = guardedWrites;
        this.writeBehind = writeBehind;
    }

    /** The collection this batch reads and writes a read model's documents in. */
    public String collection(Class<?> type) {
        return collections.apply(mongo.getCollectionName(type));
    }

    /** Whether this batch rebuilds the read models into new collections, rather than keeping the live ones. */
    public boolean rebuild() {
        return rebuild;
    }

    /** Stored documents of a read model that the query matches, from this batch's collection. */
    public <T> List<T> find(Query query, Class<T> type) {
        beforeQuery(type);
        return mongo.find(query, type, collection(type));
    }

    /** The first stored document of a read model that the query matches, or null. */
    public <T> T findOne(Query query, Class<T> type) {
        beforeQuery(type);
        return mongo.findOne(query, type, collection(type));
    }

    /**
     * Stored documents by id: what a rebuild's write-behind neither holds nor knows to be absent is stored as it is,
     * so nothing waiting needs writing first.
     */
    <T> List<T> findById(Query query, Class<T> type) {
        return mongo.find(query, type, collection(type));
    }

    /** Writes what earlier batches left waiting in the collection, so that a query finds it. */
    void beforeQuery(Class<?> type) {
        if (writeBehind != null) {
            writeBehind.flush(type);
        }
    }

    /** Where earlier batches' documents are held, or null when they are in the collections only. */
    WriteBehind writeBehind() {
        return writeBehind;
    }

    /**
     * The batch's documents of a type that are written only over older ones: {@code guardField} holds, and
     * {@code guard} gives, the sequence (or any other order) of the last event a document took.
     */
    @SuppressWarnings("unchecked")
    public <T> Documents<T> documents(Class<T> type, Function<T, String> id, String guardField,
                                      Function<T, Object> guard) {
        return (Documents<T>) documents.computeIfAbsent(type,
                ignored -> new Documents<>(this, type, id, guardField, guard));
    }

    /**
     * The batch's documents of a type that are written once each and never changed (a timeline entry): as
     * {@link #documents(Class, Function)}, and a rebuild writes them after each batch rather than holding them.
     */
    public <T> Documents<T> entries(Class<T> type, Function<T, String> id) {
        if (writeBehind != null) {
            writeBehind.once(type);
        }
        return documents(type, id);
    }

    /** The batch's documents of a type that depend only on their events, written again as they are. */
    @SuppressWarnings("unchecked")
    public <T> Documents<T> documents(Class<T> type, Function<T, String> id) {
        return (Documents<T>) documents.computeIfAbsent(type, ignored -> new Documents<>(this, type, id, null, null));
    }

    /** What a projection keeps for the length of the batch, under a key of its own. */
    @SuppressWarnings("unchecked")
    public <S> S state(Object key, Supplier<S> initial) {
        return (S) state.computeIfAbsent(key, ignored -> initial.get());
    }

    /**
     * Where an event of the batch was read: its record's partition and offset. A document that adds up changes from
     * many deals (and so many partitions) remembers, per partition, the last offset it took, where a document of one
     * deal remembers the deal's sequence.
     */
    public record Position(int partition, long offset) {

        /** The partition, as the key under which documents remember its offset. */
        public String key() {
            return Integer.toString(partition);
        }
    }

    /** Records where an event of the batch was read. */
    public void position(EventEnvelope<?> envelope, Position position) {
        positions.put(envelope, position);
    }

    /** Where an event of the batch was read, or null when it was handed to the batch directly, not from the topic. */
    public Position position(EventEnvelope<?> envelope) {
        return positions.get(envelope);
    }

    /** The stored documents the batch reads from. */
    public MongoTemplate mongo() {
        return mongo;
    }

    /** The names of the collections this batch has written to (or, in a rebuild, handed documents of to write). */
    public List<String> collectionsWritten() {
        return documents.values().stream().filter(set -> set.changedCount() > 0).map(set -> collection(set.type()))
                .toList();
    }

    /**
     * Writes every changed document: one unordered bulk write per collection; in a rebuild's batch, hands them to its
     * {@link WriteBehind}, which writes them when its window is full.
     */
    public void write() {
        if (writeBehind != null) {
            for (Documents<?> set : documents.values()) {
                set.handTo(writeBehind);
            }
            long before = writeBehind.bulkWrites();
            written += writeBehind.afterBatch();
            bulkWrites += (int) (writeBehind.bulkWrites() - before);
            return;
        }
        for (Documents<?> set : documents.values()) {
            if (set.changedCount() == 0) {
                continue;
            }
            BulkOperations bulk = mongo.bulkOps(BulkMode.UNORDERED, set.type(), collection(set.type()));
            set.writeTo(bulk, guardedWrites);
            execute(bulk, set.guarded() && guardedWrites);
            bulkWrites++;
            written += set.changedCount();
        }
    }

    private static void execute(BulkOperations bulk, boolean guarded) {
        try {
            bulk.execute();
        } catch (BulkOperationException e) {
            List<BulkWriteError> failed = new ArrayList<>(e.getErrors());
            if (guarded) {
                failed.removeIf(error -> error.getCode() == DUPLICATE_KEY);
            }
            if (!failed.isEmpty()) {
                throw e;
            }
        }
    }

    /** Bulk writes made by {@link #write()}: one per collection with changes. */
    public int bulkWrites() {
        return bulkWrites;
    }

    /** Documents written by {@link #write()}. */
    public int written() {
        return written;
    }
}
