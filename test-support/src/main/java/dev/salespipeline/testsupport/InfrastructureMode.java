package dev.salespipeline.testsupport;

import java.util.Locale;

/** Where the servers of {@link Infrastructure} come from, chosen by the system property {@value Infrastructure#MODE_PROPERTY}. */
public enum InfrastructureMode {

    /** Testcontainers if a Docker environment is available, {@link #EMBEDDED} otherwise. The default. */
    AUTO,

    /**
     * Containers started by Testcontainers: {@code apache/kafka}, {@code postgres} and {@code mongo} images, which
     * the system properties {@code pipeline.test.kafka.image}, {@code pipeline.test.postgres.image} and
     * {@code pipeline.test.mongo.image} can replace.
     */
    CONTAINERS,

    /**
     * The servers of {@code embedded-infrastructure} in this JVM, on temporary directories and free ports: a real
     * Kafka broker, a real PostgreSQL and a MongoDB wire-protocol server keeping its data in memory.
     */
    EMBEDDED,

    /**
     * Servers running elsewhere, named by the system properties {@code pipeline.test.kafka.bootstrap-servers},
     * {@code pipeline.test.postgres.url} (a JDBC URL of an existing database; other databases are created next to
     * it), {@code pipeline.test.postgres.username}, {@code pipeline.test.postgres.password} and
     * {@code pipeline.test.mongo.uri}. Only the properties of the servers that tests use are needed.
     */
    EXTERNAL;

    /** The mode named by {@value Infrastructure#MODE_PROPERTY}, {@link #AUTO} when it is not set. */
    public static InfrastructureMode fromSystemProperties() {
        return parse(System.getProperty(Infrastructure.MODE_PROPERTY));
    }

    /** The mode of that name, case-insensitive; {@link #AUTO} for {@code null} or blank. */
    public static InfrastructureMode parse(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Infrastructure.MODE_PROPERTY + "=" + value
                    + " is not one of auto, containers, embedded, external", e);
        }
    }
}
