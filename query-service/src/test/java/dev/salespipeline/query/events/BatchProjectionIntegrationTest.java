package dev.salespipeline.query.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.query.QueryServiceTestBase;
import dev.salespipeline.query.board.projection.ColumnTotals;

/**
 * A batch of events gives the same documents, whatever its size and however often it comes: each event on its own,
 * a whole history in one batch, the same batch delivered again, and chunks of random sizes each applied once or
 * twice (a crash after the writes, before the offsets are committed) all end with equal read models, in every
 * collection the event projections write.
 */
class BatchProjectionIntegrationTest extends QueryServiceTestBase {

    /** The collections written from deal and activity events, with the field that names the deal or activity. */
    private static final Map<String, String> COLLECTIONS = Map.of(
            "deal_cards", "_id", "deal_access", "_id", "deal_versions", "dealId", "stage_intervals", "dealId",
            "deal_history_heads", "_id", "deal_timeline", "dealId", "tasks", "dealId", "deal_refs", "_id",
            "unmatched_activities", "externalId");

    @Autowired
    PipelineEventListener listener;

    @Autowired
    MongoTemplate mongo;

    @Test
    void oneDealWithManyEventsInOneBatchEqualsOneByOne() {
        RandomDealHistory history = new RandomDealHistory(7).deal(1, 400);
        assertSameDocumentsHoweverBatched(history, 1);
    }

    @Test
    void manyDealsInterleavedInOneBatchEqualOneByOne() {
        RandomDealHistory history = new RandomDealHistory(11).deals(60, 25);
        assertSameDocumentsHoweverBatched(history, 2);
    }

    @Test
    void backdatedEventsOfOneDealInOneBatchEqualOneByOne() {
        RandomDealHistory history = new RandomDealHistory(13).backdated(3).deal(1, 400);
        assertSameDocumentsHoweverBatched(history, 3);
    }

    @Test
    void backdatedEventsOfManyDealsInterleavedEqualOneByOne() {
        RandomDealHistory history = new RandomDealHistory(17).backdated(5).deals(60, 25);
        assertSameDocumentsHoweverBatched(history, 4);
    }

    @Test
    void aBatchWrittenBeforeItsHeadsComesAgainToTheSameDocuments() {
        RandomDealHistory history = new RandomDealHistory(29).backdated(7).deals(30, 25);
        List<EventEnvelope<?>> events = history.events();
        for (EventEnvelope<?> event : events) {
            listener.project(List.of(event));
        }
        Map<String, Map<String, Document>> oneByOne = snapshot(history.prefix());

        clear(history.prefix());
        Random random = new Random(8);
        int from = 0;
        int crashes = 0;
        while (from < events.size()) {
            int to = Math.min(events.size(), from + 1 + random.nextInt(80));
            if (random.nextBoolean()) {
                // Every collection written but the heads, which come last: then the connection fails.
                List<Document> heads = mongo.find(Query.query(ofPrefix("_id", history.prefix())), Document.class,
                        "deal_history_heads");
                listener.project(events.subList(from, to));
                mongo.remove(Query.query(ofPrefix("_id", history.prefix())), "deal_history_heads");
                heads.forEach(head -> mongo.save(head, "deal_history_heads"));
                crashes++;
            }
            listener.project(events.subList(from, to));
            from = to;
        }
        assertThat(crashes).isPositive();
        assertThat(snapshot(history.prefix())).as("batches written without their heads, then again")
                .isEqualTo(oneByOne);

        clear(history.prefix());
        mongo.remove(Query.query(ofPrefix("_id", history.ownerPrefix())), "owner_teams");
        mongo.remove(Query.query(ofPrefix("ownerId", history.ownerPrefix())), ColumnTotals.COLLECTION);
    }

    @Test
    void aRebuildHoldingFewDocumentsBetweenBatchesEqualsOneByOne() {
        RandomDealHistory history = new RandomDealHistory(31).backdated(5).deals(40, 25);
        List<EventEnvelope<?>> events = history.events();
        for (EventEnvelope<?> event : events) {
            listener.project(List.of(event));
        }
        Map<String, Map<String, Document>> oneByOne = snapshot(history.prefix(), "");
        clear(history.prefix());
        mongo.remove(Query.query(ofPrefix("_id", history.ownerPrefix())), "owner_teams");
        mongo.remove(Query.query(ofPrefix("ownerId", history.ownerPrefix())), ColumnTotals.COLLECTION);

        // Room for a few documents only: most are let go and read back from the new collections.
        String suffix = "__held";
        WriteBehind writeBehind = new WriteBehind(mongo, name -> name + suffix, 40);
        Random random = new Random(9);
        int from = 0;
        try {
            while (from < events.size()) {
                int to = Math.min(events.size(), from + 1 + random.nextInt(60));
                listener.project(events.subList(from, to), new ProjectionBatch(writeBehind));
                if (random.nextInt(4) == 0) {
                    // Tried again after its documents were taken: a write that failed and passes.
                    listener.project(events.subList(from, to), new ProjectionBatch(writeBehind));
                }
                from = to;
            }
            writeBehind.flush();
            assertThat(writeBehind.held()).isLessThanOrEqualTo(20);
            assertThat(snapshot(history.prefix(), suffix)).as("folded through the write-behind").isEqualTo(oneByOne);
        } finally {
            mongo.getCollectionNames().stream().filter(name -> name.endsWith(suffix)).forEach(mongo::dropCollection);
        }
    }

    private void assertSameDocumentsHoweverBatched(RandomDealHistory history, long seed) {
        List<EventEnvelope<?>> events = history.events();
        assertThat(events).hasSizeGreaterThan(300);
        
        for (EventEnvelope<?> event : events) {
            listener.project(List.of(event));
        }
        Map<String, Map<String, Document>> oneByOne = snapshot(history.prefix());
        assertThat(oneByOne.get("deal_cards")).isNotEmpty();
        assertThat(oneByOne.get("tasks")).isNotEmpty();
        assertThat(oneByOne.get("deal_timeline")).hasSizeGreaterThanOrEqualTo(
                (int) events.stream().filter(e -> e.aggregateId().startsWith(history.prefix())).count());

        clear(history.prefix());
        ProjectionBatch whole = listener.project(events);
        assertThat(whole.bulkWrites()).as("one bulk write per collection").isLessThanOrEqualTo(COLLECTIONS.size());
        assertThat(snapshot(history.prefix())).as("one batch").isEqualTo(oneByOne);

        listener.project(events);
        assertThat(snapshot(history.prefix())).as("the batch delivered again").isEqualTo(oneByOne);

        clear(history.prefix());
        Random random = new Random(seed);
        int from = 0;
        while (from < events.size()) {
            int to = Math.min(events.size(), from + 1 + random.nextInt(80));
            List<EventEnvelope<?>> chunk = events.subList(from, to);
            listener.project(chunk);
            if (random.nextInt(3) == 0) {
                // Written, then not committed: the chunk comes again, with some records before it.
                listener.project(events.subList(Math.max(0, from - random.nextInt(20)), to));
            }
            from = to;
        }
        assertThat(snapshot(history.prefix())).as("chunks, some delivered twice").isEqualTo(oneByOne);
        Map<String, Document> teams = ownerTeams(history.ownerPrefix());
        assertThat(teams).hasSizeGreaterThan(1);

        // The documents were written straight, not from the topic: a rebuild would not make them again.
        clear(history.prefix());
        mongo.remove(Query.query(ofPrefix("_id", history.ownerPrefix())), "owner_teams");
        mongo.remove(Query.query(ofPrefix("ownerId", history.ownerPrefix())), ColumnTotals.COLLECTION);
    }

    private Map<String, Document> ownerTeams(String ownerPrefix) {
        Map<String, Document> documents = new TreeMap<>();
        mongo.find(Query.query(ofPrefix("_id", ownerPrefix)), Document.class, "owner_teams")
                .forEach(document -> documents.put(String.valueOf(document.get("_id")), document));
        return documents;
    }

    private Map<String, Map<String, Document>> snapshot(String prefix) {
        return snapshot(prefix, "");
    }

    private Map<String, Map<String, Document>> snapshot(String prefix, String suffix) {
        Map<String, Map<String, Document>> snapshot = new TreeMap<>();
        COLLECTIONS.forEach((collection, field) -> {
            Map<String, Document> documents = new TreeMap<>();
            for (Document document : mongo.find(Query.query(ofPrefix(field, prefix)), Document.class,
                    collection + suffix)) {
                documents.put(String.valueOf(document.get("_id")), document);
            }
            snapshot.put(collection, documents);
        });
        return snapshot;
    }

    private void clear(String prefix) {
        List<String> collections = new ArrayList<>(COLLECTIONS.keySet());
        for (String collection : collections) {
            mongo.remove(Query.query(ofPrefix(COLLECTIONS.get(collection), prefix)), collection);
        }
    }

    private static Criteria ofPrefix(String field, String prefix) {
        return where(field).regex("^" + Pattern.quote(prefix));
    }
}
