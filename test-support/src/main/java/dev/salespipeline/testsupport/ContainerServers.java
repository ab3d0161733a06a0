package dev.salespipeline.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import dev.salespipeline.infra.embedded.PostgresDatabases;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** Containers started by Testcontainers, the same images as the production deployment. */
final class ContainerServers implements Servers {

    static final String KAFKA_IMAGE_PROPERTY = "pipeline.test.kafka.image";
    static final String POSTGRES_IMAGE_PROPERTY = "pipeline.test.postgres.image";
    static final String MONGO_IMAGE_PROPERTY = "pipeline.test.mongo.image";

    private static final String KAFKA_IMAGE = "apache/kafka:4.2.2";
    private static final String POSTGRES_IMAGE = "postgres:18";
    private static final String MONGO_IMAGE = "mongo:8.0";

    private static final String USERNAME = "pipeline";
    private static final String PASSWORD = "pipeline";

    @Override
    public String description() {
        return "Testcontainers (" + image(KAFKA_IMAGE_PROPERTY, KAFKA_IMAGE) + ", "
                + image(POSTGRES_IMAGE_PROPERTY, POSTGRES_IMAGE) + ", " + image(MONGO_IMAGE_PROPERTY, MONGO_IMAGE) + ")";
    }

    @Override
    public KafkaServer startKafka() {
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(image(KAFKA_IMAGE_PROPERTY, KAFKA_IMAGE)));
        kafka.start();
        return new KafkaServer() {
            @Override
            public String bootstrapServers() {
                return kafka.getBootstrapServers();
            }

            @Override
            public void close() {
                kafka.stop();
            }
        };
    }

    @Override
    public PostgresServer startPostgres() {
        PostgreSQLContainer postgres = new PostgreSQLContainer(
                DockerImageName.parse(image(POSTGRES_IMAGE_PROPERTY, POSTGRES_IMAGE)).asCompatibleSubstituteFor("postgres"))
                .withDatabaseName(Infrastructure.DEFAULT_DATABASE)
                .withUsername(USERNAME)
                .withPassword(PASSWORD);
        postgres.start();
        return new PostgresServer() {
            @Override
            public String jdbcUrl(String database) {
                return ConnectionStrings.jdbcUrl(postgres.getJdbcUrl(), database);
            }

            @Override
            public String createDatabase(String name) {
                try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl(), USERNAME, PASSWORD)) {
                    PostgresDatabases.createDatabaseIfAbsent(connection, name, null);
                } catch (SQLException e) {
                    throw new IllegalStateException("Could not create PostgreSQL database " + name, e);
                }
                return jdbcUrl(name);
            }

            @Override
            public String username() {
                return USERNAME;
            }

            @Override
            public String password() {
                return PASSWORD;
            }

            @Override
            public void close() {
                postgres.stop();
            }
        };
    }

    @Override
    public MongoServer startMongo() {
        MongoDBContainer mongo = new MongoDBContainer(
                DockerImageName.parse(image(MONGO_IMAGE_PROPERTY, MONGO_IMAGE)).asCompatibleSubstituteFor("mongo"));
        mongo.start();
        return new MongoServer() {
            @Override
            public String uri(String database) {
                return mongo.getReplicaSetUrl(database);
            }

            @Override
            public void close() {
                mongo.stop();
            }
        };
    }

    private static String image(String property, String defaultImage) {
        String image = System.getProperty(property);
        return image == null || image.isBlank() ? defaultImage : image.trim();
    }
}
