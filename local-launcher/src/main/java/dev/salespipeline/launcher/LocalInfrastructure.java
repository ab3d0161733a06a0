package dev.salespipeline.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

import dev.salespipeline.infra.embedded.EmbeddedKafka;
import dev.salespipeline.infra.embedded.EmbeddedMongo;
import dev.salespipeline.infra.embedded.EmbeddedPostgres;

/**
 * Kafka, PostgreSQL and the MongoDB wire-protocol server, with their data under one directory: {@code kafka/},
 * {@code postgres/} and {@code mongo/pipeline.mv}. Started in that order and stopped in the reverse one. Each can be
 * stopped and started again on its port and data while the services run ({@link #restart}), as a server's crash or
 * maintenance would.
 */
public final class LocalInfrastructure implements AutoCloseable {

    /** The PostgreSQL database (its user and password are {@code pipeline} too) and the MongoDB database. */
    public static final String DATABASE = "pipeline";

    /** A server of the infrastructure, by the name {@link #restart} takes. */
    public enum Part {
        KAFKA, POSTGRES, MONGO;

        /** The part named {@code kafka}, {@code postgres} or {@code mongo}. */
        public static Part named(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a part of the infrastructure: " + name
                        + " (kafka, postgres or mongo)", e);
            }
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final int START_ATTEMPTS = 10;

    private final Path dataDir;
    private volatile EmbeddedKafka kafka;
    private volatile EmbeddedPostgres postgres;
    private volatile EmbeddedMongo mongo;

    private LocalInfrastructure(Path dataDir, EmbeddedKafka kafka, EmbeddedPostgres postgres, EmbeddedMongo mongo) {
        this.dataDir = dataDir;
        this.kafka = kafka;
        this.postgres = postgres;
        this.mongo = mongo;
    }

    /** Starts the three servers; if one fails, those already started are stopped again. */
    public static LocalInfrastructure start(Path dataDir, int kafkaPort, int postgresPort, int mongoPort) {
        EmbeddedKafka kafka = startKafka(dataDir, kafkaPort);
        EmbeddedPostgres postgres = null;
        try {
            postgres = startPostgres(dataDir, postgresPort);
            EmbeddedMongo mongo = startMongo(dataDir, mongoPort);
            return new LocalInfrastructure(dataDir, kafka, postgres, mongo);
        } catch (RuntimeException e) {
            if (postgres != null) {
                postgres.close();
            }
            kafka.close();
            throw e;
        }
    }

    private static EmbeddedKafka startKafka(Path dataDir, int port) {
        return EmbeddedKafka.start(dataDir.resolve("kafka"), port);
    }

    private static EmbeddedPostgres startPostgres(Path dataDir, int port) {
        return EmbeddedPostgres.builder()
                .dataDirectory(dataDir.resolve("postgres"))
                .port(port)
                .logFile(dataDir.resolve("logs").resolve("postgres.log"))
                .start();
    }

    private static EmbeddedMongo startMongo(Path dataDir, int port) {
        return EmbeddedMongo.start(dataDir.resolve("mongo").resolve("pipeline.mv"), port);
    }

    /**
     * Stops one server, leaves it down for {@code down} and starts it again on the same port and data. The services
     * see the outage a crashed or restarted server causes: refused connections, then the same server back with what
     * it had stored. Answers the time from the stop until the server accepted clients again.
     */
    public synchronized Duration restart(Part part, Duration down) {
        long began = System.nanoTime();
        switch (part) {
            case KAFKA -> {
                int port = kafka.port();
                kafka.close();
                pause(down);
                kafka = again(() -> startKafka(dataDir, port));
            }
            case POSTGRES -> {
                int port = postgres.port();
                postgres.close();
                pause(down);
                postgres = again(() -> startPostgres(dataDir, port));
            }
            case MONGO -> {
                int port = mongo.port();
                mongo.close();
                pause(down);
                mongo = again(() -> startMongo(dataDir, port));
            }
        }
        return Duration.ofNanos(System.nanoTime() - began);
    }

    /** Starts a server again, trying a few times while its port is still held by the one just stopped. */
    private static <T> T again(Supplier<T> start) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            try {
                return start.get();
            } catch (RuntimeException e) {
                last = e;
                pause(Duration.ofMillis(500));
            }
        }
        throw last;
    }

    private static void pause(Duration down) {
        try {
            Thread.sleep(down.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the server was down", e);
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
    public synchronized void close() {
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
