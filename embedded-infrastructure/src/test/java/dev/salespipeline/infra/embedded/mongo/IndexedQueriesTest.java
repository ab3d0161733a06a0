package dev.salespipeline.infra.embedded.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import dev.salespipeline.infra.embedded.EmbeddedMongo;

/**
 * The indexes only narrow the candidates: every query and update gives the same documents on a collection with the
 * index declared as on one without it, through the real driver, in memory and in a store file, also after the file is
 * opened again (when the indexes are rebuilt from the documents).
 */
class IndexedQueriesTest {

    @TempDir
    Path dataDir;

    static Stream<Arguments> stores() {
        return Stream.of(Arguments.of("in memory", false), Arguments.of("in a file", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void indexedAndUnindexedCollectionsGiveTheSameAnswers(String name, boolean persistent) {
        Path file = persistent ? dataDir.resolve("pipeline.mv") : null;
        try (EmbeddedMongo server = EmbeddedMongo.start(file, 0);
             MongoClient client = MongoClients.create(server.connectionString("pipeline"))) {
            MongoDatabase database = client.getDatabase("pipeline");
            MongoCollection<Document> indexed = database.getCollection("indexed");
            MongoCollection<Document> plain = database.getCollection("plain");
            indexed.createIndex(Indexes.ascending("dealId", "sequence"));
            // One field, often an array of keys: the index answers its condition, the server matches the rest.
            indexed.createIndex(Indexes.ascending("keys"));
            Random random = new Random(7);
            for (int i = 0; i < 300; i++) {
                Document entry = new Document("_id", "e" + i).append("dealId", "deal-" + random.nextInt(20))
                        .append("sequence", random.nextInt(50)).append("version", random.nextInt(5));
                if (i % 25 == 0) {
                    entry.put("dealId", List.of("deal-" + random.nextInt(20), "deal-" + random.nextInt(20)));
                }
                entry.put("keys", keys(random));
                indexed.insertOne(entry);
                plain.insertOne(entry);
            }
            for (int i = 0; i < 200; i++) {
                String deal = "deal-" + random.nextInt(22);
                String id = "e" + random.nextInt(320);
                int sequence = random.nextInt(50);
                switch (i % 4) {
                    case 0 -> update(indexed, plain, and(eq("_id", id), lt("version", 3)),
                            Updates.combine(Updates.set("dealId", deal), Updates.inc("version", 1)));
                    case 1 -> update(indexed, plain, and(eq("dealId", deal), lt("sequence", sequence)),
                            Updates.combine(Updates.inc("version", 1), Updates.set("keys", keys(random))));
                    case 2 -> {
                        indexed.deleteOne(and(eq("_id", id), eq("dealId", deal)));
                        plain.deleteOne(and(eq("_id", id), eq("dealId", deal)));
                    }
                    default -> assertThat(upsert(indexed, id, deal, sequence))
                            .as("an upsert of a taken _id is refused on both")
                            .isEqualTo(upsert(plain, id, deal, sequence));
                }
            }
            assertSameAnswers(indexed, plain, random);
        }
        if (persistent) {
            try (EmbeddedMongo server = EmbeddedMongo.start(file, 0);
                 MongoClient client = MongoClients.create(server.connectionString("pipeline"))) {
                MongoDatabase database = client.getDatabase("pipeline");
                assertSameAnswers(database.getCollection("indexed"), database.getCollection("plain"), new Random(9));
            }
        }
    }

    /**
     * A document's keys: mostly an array of a few strings, sometimes one string, a number, an array holding a number,
     * or none. (Not an array inside the array: MongoDB does not look into it, the server's own matcher does, and the
     * index does as MongoDB.)
     */
    private static Object keys(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> "k" + random.nextInt(12);
            case 1 -> random.nextInt(12);
            case 2 -> List.of("k" + random.nextInt(12), 3);
            case 3 -> null;
            default -> {
                List<String> keys = new ArrayList<>();
                for (int k = random.nextInt(6); k > 0; k--) {
                    keys.add("k" + random.nextInt(12));
                }
                yield keys;
            }
        };
    }

    private static void update(MongoCollection<Document> indexed, MongoCollection<Document> plain, Bson filter,
                               Bson update) {
        assertThat(indexed.updateMany(filter, update).getModifiedCount())
                .isEqualTo(plain.updateMany(filter, update).getModifiedCount());
    }

    private static String upsert(MongoCollection<Document> collection, String id, String deal, int sequence) {
        try {
            return String.valueOf(collection.updateOne(and(eq("_id", id), eq("dealId", deal)),
                    Updates.set("sequence", sequence), new UpdateOptions().upsert(true)).getMatchedCount());
        } catch (MongoWriteException e) {
            return "error " + e.getError().getCode();
        }
    }

    private static void assertSameAnswers(MongoCollection<Document> indexed, MongoCollection<Document> plain,
                                          Random random) {
        assertThat(all(indexed, new Document())).isEqualTo(all(plain, new Document())).hasSizeGreaterThan(250);
        for (int i = 0; i < 60; i++) {
            String deal = "deal-" + random.nextInt(22);
            String other = "deal-" + random.nextInt(22);
            String id = "e" + random.nextInt(320);
            String key = "k" + random.nextInt(12);
            String otherKey = "k" + random.nextInt(12);
            for (Bson filter : List.of(eq("dealId", deal), and(eq("dealId", deal), lt("sequence", 25)),
                    in("dealId", deal, other), and(eq("_id", id), lt("version", 4)), and(eq("_id", id), eq("dealId", deal)),
                    or(eq("dealId", deal), eq("dealId", other)), eq("keys", key), in("keys", key, otherKey),
                    and(in("keys", key, otherKey), lt("sequence", 25)), and(eq("keys", key), eq("keys", otherKey)),
                    and(in("keys", key, otherKey), or(lt("version", 2), eq("keys", "k0"))))) {
                assertThat(all(indexed, filter)).as(filter.toString()).isEqualTo(all(plain, filter));
            }
        }
    }

    private static List<Document> all(MongoCollection<Document> collection, Bson filter) {
        return collection.find(filter).sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }
}
