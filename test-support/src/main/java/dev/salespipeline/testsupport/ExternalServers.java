package dev.salespipeline.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import dev.salespipeline.infra.embedded.PostgresDatabases;

/** Servers that run elsewhere, named by system properties; nothing is started or stopped. */
final class ExternalServers implements Servers {

    static final String KAFKA_BOOTSTRAP_SERVERS = "pipeline.test.kafka.bootstrap-servers";
    static final String POSTGRES_URL = "pipeline.test.postgres.url";
    static final String POSTGRES_USERNAME = "pipeline.test.postgres.username";
    static final String POSTGRES_PASSWORD = "pipeline.test.postgres.password";
    static final String MONGO_URI = "pipeline.test.mongo.uri";

    @Override
    public String description() {
        return "external servers named by pipeline.test.* system properties";
    }

    @Override
    public KafkaServer startKafka() {
        String bootstrapServers = required(KAFKA_BOOTSTRAP_SERVERS, "host:9092");
        return new KafkaServer() {
            @Override
            public String bootstrapServers() {
                return bootstrapServers;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public PostgresServer startPostgres() {
        String url = required(POSTGRES_URL, "jdbc:postgresql://host:5432/postgres");
        String username = required(POSTGRES_USERNAME, "pipeline");
        // a server trusting local connections needs no password
        String password = System.getProperty(POSTGRES_PASSWORD, "");
        ConnectionStrings.jdbcUrl(url, Infrastructure.DEFAULT_DATABASE); // fails early on a malformed URL
        return new PostgresServer() {
            @Override
            public String jdbcUrl(String database) {
                return ConnectionStrings.jdbcUrl(url, database);
            }

            @Override
            public String createDatabase(String name) {
                try (Connection connection = DriverManager.getConnection(url, username, password)) {
                    PostgresDatabases.createDatabaseIfAbsent(connection, name, null);
                } catch (SQLException e) {
                    throw new IllegalStateException("Could not create PostgreSQL database " + name + " through "
                            + url + " as " + username, e);
                }
                return jdbcUrl(name);
            }

            @Override
            public String username() {
                return username;
            }

            @Override
            public String password() {
                return password;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public MongoServer startMongo() {
        String uri = required(MONGO_URI, "mongodb://host:27017");
        ConnectionStrings.mongoUri(uri, "test"); // fails early on a malformed connection string
        return new MongoServer() {
            @Override
            public String uri(String database) {
                return ConnectionStrings.mongoUri(uri, database);
            }

            @Override
            public void close() {
            }
        };
    }

    private static String required(String property, String example) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(Infrastructure.MODE_PROPERTY + "=external needs the system property "
                    + property + " (for example -D" + property + "=" + example + ")");
        }
        return value.trim();
    }
}
