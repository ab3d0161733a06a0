package dev.salespipeline.testsupport;

/**
 * Real Kafka, PostgreSQL and MongoDB servers for tests.
 *
 * <p>{@link #shared()} gives one instance per JVM. Each of the three servers is started the first time a test asks
 * for it, so a test that only talks to Kafka never starts PostgreSQL, and all three are stopped when the JVM exits.
 * Where they come from is chosen by the system property {@value #MODE_PROPERTY} (see {@link InfrastructureMode}):
 * Testcontainers when a Docker environment is available, the servers of {@code embedded-infrastructure} running in
 * this JVM otherwise, or servers that already run elsewhere.
 *
 * <p>Every database name given to these methods is a plain name: letters, digits and underscores.
 *
 * @see InfrastructureExtension
 */
public interface Infrastructure {

    /** The system property choosing the {@link InfrastructureMode}: {@code auto} (the default), {@code containers}, {@code embedded} or {@code external}. */
    String MODE_PROPERTY = "pipeline.test.infrastructure";

    /** The PostgreSQL database that exists from the start, except on external servers where the URL names it. */
    String DEFAULT_DATABASE = "pipeline";

    /** The infrastructure of this JVM, started part by part on first use. */
    static Infrastructure shared() {
        return SharedInfrastructure.instance();
    }

    /** Where the servers come from: never {@link InfrastructureMode#AUTO}, which is resolved to one of the others. */
    InfrastructureMode mode();

    /** The {@code bootstrap.servers} of the Kafka broker, for example {@code localhost:41234}. */
    String kafkaBootstrapServers();

    /**
     * The JDBC URL of a PostgreSQL database without credentials. The database is not created: use
     * {@link #createPostgresDatabase(String)} for one of the test's own.
     */
    String postgresJdbcUrl(String database);

    /**
     * Creates a PostgreSQL database unless it exists (it is not emptied if it does) and returns its JDBC URL.
     * A test class that wants a database of its own gives it a name of its own.
     */
    String createPostgresDatabase(String name);

    /** The PostgreSQL user to connect as. */
    String postgresUsername();

    /** The password of {@link #postgresUsername()}. */
    String postgresPassword();

    /** The MongoDB connection string of {@code database}, for example {@code mongodb://localhost:41235/query}. */
    String mongoUri(String database);
}
