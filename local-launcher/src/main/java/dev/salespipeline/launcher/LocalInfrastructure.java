package dev.salespipeline.launcher;

import java.nio.file.Path;

import dev.salespipeline.infra.embedded.EmbeddedKafka;
import dev.salespipeline.infra.embedded.EmbeddedMongo;
import dev.salespipeline.infra.embedded.EmbeddedPostgres;

/**
 * Kafka, PostgreSQL and the MongoDB wire-protocol server, with their data under one directory: {@code kafka/},
 * {@code postgres/} and {@code mongo/pipeline.mv}. Started in that order and stopped in the reverse one.
 */
public final class LocalInfrastructure implements AutoCloseable {

    /** The PostgreSQL database (its user and password are {@code pipeline} too) and the MongoDB database. */
    public static final String DATABASE = "pipeline";

    private final EmbeddedKafka kafka;
    private final EmbeddedPostgres postgres;
    private final EmbeddedMongo mongo;

    private LocalInfrastructure(EmbeddedKafka kafka, EmbeddedPostgres postgres, EmbeddedMongo mongo) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.mongo = mongo;
    }

    /** Starts the three servers; if one fails, those already started are stopped again. */
    public static LocalInfrastructure start(Path dataDir, int kafkaPort, int postgresPort, int mongoPort) {
        EmbeddedKafka kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), kafkaPort);
        EmbeddedPostgres postgres = null;
        try {
            postgres = EmbeddedPostgres.builder()
                    .dataDirectory(dataDir.resolve("postgres"))
                    .port(postgresPort)
                    .logFile(dataDir.resolve("logs").resolve("postgres.log"))
                    .start();
            EmbeddedMongo mongo = EmbeddedMongo.start(dataDir.resolve("mongo").resolve("pipeline.mv"), mongoPort);
            return new LocalInfrastructure(kafka, postgres, mongo);
        } catch (RuntimeException e) {
            if (postgres != null) {
                postgres.close();
            }
            kafka.close();
            throw e;
        }
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public EmbeddedPostgres postgres() {
        return postgres;
    }

    public EmbeddedMongo mongo() {
        return mongo;
    }

    /** {@code jdbc:postgresql://localhost:port/pipeline}. */
    public String postgresUrl() {
        return postgres.jdbcUrl(DATABASE);
    }

    /** {@code mongodb://localhost:port/pipeline}. */
    public String mongoUri() {
        return mongo.connectionString(DATABASE);
    }

    /** Stops MongoDB, PostgreSQL and Kafka, in that order, each even if another one failed to stop. */
    @Override
    public void close() {
        try {
            mongo.close();
        } finally {
            try {
                postgres.close();
            } finally {
                kafka.close();
            }
        }
    }
}
