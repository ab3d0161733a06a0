package dev.salespipeline.infra.embedded.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Date;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;

import dev.salespipeline.infra.embedded.EmbeddedMongo;

/**
 * Sorted pages read through a {@link CompoundKeyIndex} are the pages a full scan and sort gives: the same documents in
 * the same order, for every page, direction and extra condition, while documents move between the index's ranges,
 * are deleted, and hold arrays for a while; in memory and in a store file, also after the file is opened again.
 */
class SortedIndexQueriesTest {

    private static final List<String> SORT_FIELDS = List.of("amount", "title", "closeOn");

    @TempDir
    Path dataDir;

    static Stream<Arguments> stores() {
        return Stream.of(Arguments.of("in memory", false), Arguments.of("in a file", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void sortedPagesThroughTheIndexAreThoseOfAScan(String name, boolean persistent) {
        Path file = persistent ? dataDir.resolve("board.mv") : null;
        Random random = new Random(11);
        try (EmbeddedMongo server = EmbeddedMongo.start(file, 0);
             MongoClient client = MongoClients.create(server.connectionString("board"))) {
            MongoDatabase database = client.getDatabase("board");
            MongoCollection<Document> indexed = database.getCollection("indexed");
            MongoCollection<Document> plain = database.getCollection("plain");
            for (String field : SORT_FIELDS) {
                indexed.createIndex(Indexes.ascending("pipelineId", "status", "stageId", field, "_id"));
            }
            indexed.createIndex(Indexes.compoundIndex(Indexes.ascending("pipelineId", "status", "ownerId"),
                    Indexes.descending("updatedAt")));
            for (int i = 0; i < 600; i++) {
                Document card = card(random, "d" + i);
                indexed.insertOne(card);
                plain.insertOne(card);
            }
            assertSamePages(indexed, plain, random);
            for (int i = 0; i < 300; i++) {
                String id = "d" + random.nextInt(650);
                String stage = "s" + random.nextInt(4);
                Double amount = random.nextInt(10) == 0 ? null : random.nextInt(100) * 1.5;
                Document replacement = card(random, id);
                String status = random.nextBoolean() ? "OPEN" : "WON";
                switch (i % 5) {
                    case 0 -> both(indexed, plain, c -> c.updateOne(eq("_id", id), Updates.set("stageId", stage)));
                    case 1 -> both(indexed, plain, c -> c.updateOne(eq("_id", id), Updates.set("amount", amount)));
                    case 2 -> both(indexed, plain, c -> c.deleteOne(eq("_id", id)));
                    case 3 -> both(indexed, plain, c -> c.replaceOne(eq("_id", id), replacement,
                            new ReplaceOptions().upsert(true)));
                    default -> both(indexed, plain, c -> c.updateOne(eq("_id", id), Updates.set("status", status)));
                }
            }
            assertSamePages(indexed, plain, random);
            // An array in an indexed field: the index gives no order while it is there, and the answers stay the same.
            both(indexed, plain, c -> c.updateOne(eq("_id", "d1"), Updates.set("title", List.of("b", "a"))));
            assertSamePages(indexed, plain, random);
            both(indexed, plain, c -> c.updateOne(eq("_id", "d1"), Updates.set("title", "plain again")));
            assertSamePages(indexed, plain, random);
        }
        if (persistent) {
            try (EmbeddedMongo server = EmbeddedMongo.start(file, 0);
                 MongoClient client = MongoClients.create(server.connectionString("board"))) {
                MongoDatabase database = client.getDatabase("board");
                assertSamePages(database.getCollection("indexed"), database.getCollection("plain"), random);
            }
        }
    }

    @Test
    void aSortedPageOfAColumnIsReadInTheIndexOrder() {
        List<IndexKey> keys = List.of(new IndexKey("pipelineId", true), new IndexKey("status", true),
                new IndexKey("stageId", true), new IndexKey("amount", true), new IndexKey("_id", true));
        CompoundKeyIndex<Integer> column = new CompoundKeyIndex<>("column", keys, false);
        CompoundKeyIndex<Integer> owner = new CompoundKeyIndex<>("owner", List.of(new IndexKey("pipelineId", true),
                new IndexKey("status", true), new IndexKey("ownerId", true), new IndexKey("stageId", true)), false);
        for (int i = 0; i < 100; i++) {
            de.bwaldvogel.mongo.bson.Document card = new de.bwaldvogel.mongo.bson.Document("_id", "d" + i)
                    .append("pipelineId", "p").append("status", "OPEN").append("stageId", "s" + (i % 4))
                    .append("ownerId", "o" + (i % 10)).append("amount", (double) (100 - i));
            column.add(card, i, null);
            owner.add(card, i, null);
        }
        List<Index<Integer>> indexes = List.of(owner, column);
        de.bwaldvogel.mongo.bson.Document column1 = new de.bwaldvogel.mongo.bson.Document("pipelineId", "p")
                .append("status", "OPEN").append("stageId", "s1");
        CompoundKeyIndex.Plan<Integer> sorted = CompoundKeyIndex.plan(indexes, column1,
                new de.bwaldvogel.mongo.bson.Document("amount", -1).append("_id", -1));
        assertThat(sorted.ordered()).isTrue();
        assertThat(sorted.positions()).as("the stage's 25 cards, largest amount first").hasSize(25)
                .startsWith(1, 5, 9).endsWith(97);
        CompoundKeyIndex.Plan<Integer> byOwner = CompoundKeyIndex.plan(indexes,
                new de.bwaldvogel.mongo.bson.Document(column1).append("ownerId", "o3"),
                new de.bwaldvogel.mongo.bson.Document("amount", 1).append("_id", 1));
        assertThat(byOwner.ordered()).as("the owner's cards: fewer, sorted after").isFalse();
        assertThat(byOwner.positions()).containsExactlyInAnyOrder(13, 33, 53, 73, 93);
        assertThat(CompoundKeyIndex.plan(indexes, new de.bwaldvogel.mongo.bson.Document("stageId", "s1"), null))
                .as("no leading field fixed").isNull();
    }

    private static Document card(Random random, String id) {
        Document card = new Document("_id", id).append("pipelineId", "p" + random.nextInt(2))
                .append("status", random.nextInt(4) == 0 ? "WON" : "OPEN").append("stageId", "s" + random.nextInt(4))
                .append("ownerId", "o" + random.nextInt(6)).append("updatedAt", random.nextInt(30))
                .append("title", "deal " + (char) ('a' + random.nextInt(26)));
        switch (random.nextInt(4)) {
            case 0 -> card.append("amount", null);
            case 1 -> { }
            default -> card.append("amount", random.nextInt(100) * 1.5);
        }
        if (random.nextBoolean()) {
            card.append("closeOn", new Date(1_700_000_000_000L + random.nextInt(20) * 86_400_000L));
        }
        return card;
    }

    private static void both(MongoCollection<Document> indexed, MongoCollection<Document> plain,
                             Consumer<MongoCollection<Document>> change) {
        change.accept(indexed);
        change.accept(plain);
    }

    private static void assertSamePages(MongoCollection<Document> indexed, MongoCollection<Document> plain,
                                        Random random) {
        assertThat(indexed.countDocuments()).isEqualTo(plain.countDocuments());
        for (int i = 0; i < 8; i++) {
            String pipeline = "p" + random.nextInt(3);
            String stage = "s" + random.nextInt(4);
            String owner = "o" + random.nextInt(6);
            String field = SORT_FIELDS.get(random.nextInt(SORT_FIELDS.size()));
            Bson column = and(eq("pipelineId", pipeline), eq("status", "OPEN"), eq("stageId", stage));
            for (Bson filter : List.of(column, and(column, or(eq("ownerId", owner), eq("ownerId", "o0"))),
                    and(column, eq("ownerId", owner)), and(column, gt(field, 30.0)),
                    and(eq("pipelineId", pipeline), eq("status", "OPEN"), in("stageId", stage, "s0")),
                    and(eq("pipelineId", pipeline), eq("status", "OPEN")))) {
                for (Bson sort : List.of(Sorts.ascending(field, "_id"), Sorts.descending(field, "_id"),
                        Sorts.orderBy(Sorts.descending(field), Sorts.ascending("_id")),
                        Sorts.orderBy(Sorts.descending("updatedAt"), Sorts.ascending("_id")))) {
                    int skip = random.nextInt(3) * 7;
                    int limit = 1 + random.nextInt(12);
                    assertThat(page(indexed, filter, sort, skip, limit)).as(filter + " " + sort + " skip " + skip)
                            .isEqualTo(page(plain, filter, sort, skip, limit));
                }
                assertThat(indexed.countDocuments(filter)).isEqualTo(plain.countDocuments(filter));
            }
        }
    }

    private static List<Object> page(MongoCollection<Document> collection, Bson filter, Bson sort, int skip,
                                     int limit) {
        List<Object> ids = new ArrayList<>();
        collection.find(filter).sort(sort).skip(skip).limit(limit).forEach(document -> ids.add(document.get("_id")));
        return ids;
    }
}
