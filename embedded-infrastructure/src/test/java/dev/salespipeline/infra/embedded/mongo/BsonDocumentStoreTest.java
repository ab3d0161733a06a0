package dev.salespipeline.infra.embedded.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.RenameCollectionOptions;
import com.mongodb.client.model.Sorts;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.salespipeline.infra.embedded.EmbeddedMongo;

/**
 * Documents kept in BSON in the store file: every kind of value comes back as it was written, across a reopen, a
 * rename and from a file the plain backend wrote with its documents Java-serialized.
 */
class BsonDocumentStoreTest {

    @TempDir
    Path dataDir;

    @Test
    void everyKindOfValueComesBackAfterTheFileIsOpenedAgain() {
        Path file = dataDir.resolve("pipeline.mv");
        List<Document> written = documents();
        try (EmbeddedMongo mongo = EmbeddedMongo.start(file, 0)) {
            write(mongo.port(), "cards", written);
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.start(file, 0)) {
            assertThat(read(mongo.port(), "cards")).isEqualTo(written);
        }
        assertThat(storedInBson(file, "cards")).hasSize(written.size());
    }

    /** The collection's documents as the file holds them, read as BSON (which fails on Java-serialized ones). */
    private static List<Object> storedInBson(Path file, String collection) {
        MVStore store = MVStore.open(file.toString());
        try {
            MVMap<Object, de.bwaldvogel.mongo.bson.Document> documents = store.openMap(
                    "databases.pipeline." + collection,
                    new MVMap.Builder<Object, de.bwaldvogel.mongo.bson.Document>().valueType(BsonDocumentType.INSTANCE));
            return documents.values().stream().map(document -> document.get("_id")).toList();
        } finally {
            store.close();
        }
    }

    @Test
    void aCollectionRenamedOverAnotherKeepsItsDocumentsInTheFile() {
        Path file = dataDir.resolve("pipeline.mv");
        List<Document> written = documents();
        try (EmbeddedMongo mongo = EmbeddedMongo.start(file, 0)) {
            write(mongo.port(), "cards", List.of(new Document("_id", "deal-0").append("title", "replaced")));
            write(mongo.port(), "cards_rebuilt", written);
            try (MongoClient client = client(mongo.port())) {
                client.getDatabase("pipeline").getCollection("cards_rebuilt").renameCollection(
                        new MongoNamespace("pipeline", "cards"), new RenameCollectionOptions().dropTarget(true));
            }
            assertThat(read(mongo.port(), "cards")).isEqualTo(written);
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.start(file, 0)) {
            assertThat(read(mongo.port(), "cards")).isEqualTo(written);
            assertThat(read(mongo.port(), "cards_rebuilt")).isEmpty();
        }
    }

    @Test
    void aFileThePlainBackendWroteIsCopiedIntoBsonOnceAndThenWrittenTo() {
        Path file = dataDir.resolve("pipeline.mv");
        List<Document> written = documents();
        writeWithThePlainBackend(file, "cards", written);
        writeWithThePlainBackend(file, "timeline", written.subList(0, 2));

        List<Document> more = new ArrayList<>(written);
        try (EmbeddedMongo mongo = EmbeddedMongo.start(file, 0)) {
            assertThat(read(mongo.port(), "cards")).isEqualTo(written);
            assertThat(read(mongo.port(), "timeline")).isEqualTo(written.subList(0, 2));
            Document added = new Document("_id", "deal-9").append("title", "added after the copy");
            write(mongo.port(), "cards", List.of(added));
            more.add(2, added);
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.start(file, 0)) {
            assertThat(read(mongo.port(), "cards")).isEqualTo(more);
            assertThat(read(mongo.port(), "timeline")).isEqualTo(written.subList(0, 2));
        }
    }

    @Test
    void aCopyCutShortAfterItsOldMapWasRemovedKeepsItsDocuments() {
        Path file = dataDir.resolve("pipeline.mv");
        List<Document> written = documents();
        writeWithThePlainBackend(file, "cards", written);
        // what a copy leaves when the process dies between removing the old map and renaming the new one
        MVStore store = MVStore.open(file.toString());
        try {
            MVMap<Object, de.bwaldvogel.mongo.bson.Document> serialized = store.openMap("databases.pipeline.cards");
            MVMap<Object, de.bwaldvogel.mongo.bson.Document> copy = store.openMap(
                    "reencoding.databases.pipeline.cards",
                    new MVMap.Builder<Object, de.bwaldvogel.mongo.bson.Document>().valueType(BsonDocumentType.INSTANCE));
            serialized.forEach(copy::put);
            store.removeMap(serialized);
            store.commit();
        } finally {
            store.close();
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.start(file, 0)) {
            assertThat(read(mongo.port(), "cards")).isEqualTo(written);
        }
        assertThat(storedInBson(file, "cards")).hasSize(written.size());
    }

    private static List<Document> documents() {
        List<Document> documents = new ArrayList<>();
        documents.add(new Document("_id", "deal-1")
                .append("title", "Forty seats, \u00fcber \u0436\u0443\u0440\u043d\u0430\u043b")
                .append("amount", new Decimal128(new BigDecimal("1500.00")))
                .append("probability", 0.35)
                .append("sequence", 7L)
                .append("stageIndex", 2)
                .append("open", true)
                .append("closedAt", null)
                .append("openedAt", new Date(1_763_283_600_000L))
                .append("owner", new Document("id", "rep-anna").append("team", "north"))
                .append("tags", List.of("renewal", "q4"))
                .append("positions", new Document("0", 41L).append("3", 1_187L))
                .append("payload", new Binary(new byte[] {1, 2, 3})));
        documents.add(new Document("_id", "deal-2").append("title", "").append("lines",
                List.of(new Document("sku", "seat").append("quantity", 40), List.of(1, 2))));
        documents.add(new Document("_id", new ObjectId("65f0a1b2c3d4e5f6a7b8c9d0")).append("empty", new Document()));
        return documents;
    }

    /** Writes the documents into the file as the plain backend does, Java-serialized. */
    private static void writeWithThePlainBackend(Path file, String collection, List<Document> documents) {
        MongoServer plain = new MongoServer(new H2Backend(file.toString()));
        plain.bind("localhost", 0);
        try {
            write(plain.getLocalAddress().getPort(), collection, documents);
        } finally {
            plain.shutdownNow();
        }
    }

    private static void write(int port, String collection, List<Document> documents) {
        try (MongoClient client = client(port)) {
            client.getDatabase("pipeline").getCollection(collection).insertMany(documents);
        }
    }

    private static List<Document> read(int port, String collection) {
        try (MongoClient client = client(port)) {
            MongoDatabase database = client.getDatabase("pipeline");
            return database.getCollection(collection).find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
        }
    }

    private static MongoClient client(int port) {
        return MongoClients.create("mongodb://localhost:" + port);
    }
}
