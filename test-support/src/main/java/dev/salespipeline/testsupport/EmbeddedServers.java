package dev.salespipeline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

import dev.salespipeline.infra.embedded.EmbeddedKafka;
import dev.salespipeline.infra.embedded.EmbeddedMongo;
import dev.salespipeline.infra.embedded.EmbeddedPostgres;

/** The servers of {@code embedded-infrastructure}, in this JVM, on temporary directories and free ports. */
final class EmbeddedServers implements Servers {

    @Override
    public String description() {
        return "embedded servers in this JVM";
    }

    @Override
    public KafkaServer startKafka() {
        Path logDir = temporaryDirectory("pipeline-test-kafka-");
        EmbeddedKafka kafka = EmbeddedKafka.start(logDir, 0);
        return new KafkaServer() {
            @Override
            public String bootstrapServers() {
                return kafka.bootstrapServers();
            }

            @Override
            public void close() {
                try {
                    kafka.close();
                } finally {
                    deleteRecursively(logDir);
                }
            }
        };
    }

    @Override
    public PostgresServer startPostgres() {
        EmbeddedPostgres postgres = EmbeddedPostgres.startTemporary();
        return new PostgresServer() {
            @Override
            public String jdbcUrl(String database) {
                return postgres.jdbcUrl(database);
            }

            @Override
            public String createDatabase(String name) {
                return postgres.createDatabase(name);
            }

            @Override
            public String username() {
                return postgres.username();
            }

            @Override
            public String password() {
                return postgres.password();
            }

            @Override
            public void close() {
                postgres.close();
            }
        };
    }

    @Override
    public MongoServer startMongo() {
        EmbeddedMongo mongo = EmbeddedMongo.start(null, 0);
        return new MongoServer() {
            @Override
            public String uri(String database) {
                return mongo.connectionString(database);
            }

            @Override
            public void close() {
                mongo.close();
            }
        };
    }

    private static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory", e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + directory, e);
        }
    }
}
