package dev.salespipeline.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoTest {

    @TempDir
    Path dataDir;

    @Test
    void restartOnTheSameStoreFileKeepsTheDocuments() {
        Path file = dataDir.resolve("mongo").resolve("pipeline.mv");
        try (EmbeddedMongo mongo = EmbeddedMongo.start(file, 0)) {
            assertThat(mongo.isPersistent()).isTrue();
            PersistenceProbe.insertDocument(mongo.connectionString("pipeline"), "deals", "deal-1", "kept");
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.start(file, 0)) {
            assertThat(PersistenceProbe.readDocument(mongo.connectionString("pipeline"), "deals", "deal-1"))
                    .contains("kept");
        }
    }

    @Test
    void withoutAFileTheDataLivesInMemoryOnly() {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(null, 0)) {
            assertThat(mongo.isPersistent()).isFalse();
            assertThat(mongo.connectionString("pipeline")).isEqualTo("mongodb://localhost:" + mongo.port() + "/pipeline");
            PersistenceProbe.insertDocument(mongo.connectionString("pipeline"), "deals", "deal-1", "here");
            assertThat(PersistenceProbe.readDocument(mongo.connectionString("pipeline"), "deals", "deal-1"))
                    .contains("here");
        }
    }
}
