package dev.salespipeline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExternalServersTest {

    private static final List<String> PROPERTIES = List.of(ExternalServers.KAFKA_BOOTSTRAP_SERVERS,
            ExternalServers.POSTGRES_URL, ExternalServers.POSTGRES_USERNAME, ExternalServers.POSTGRES_PASSWORD,
            ExternalServers.MONGO_URI);

    private final Map<String, String> saved = new HashMap<>();
    private final ExternalServers servers = new ExternalServers();

    ExternalServersTest() {
        PROPERTIES.forEach(property -> {
            String value = System.getProperty(property);
            if (value != null) {
                saved.put(property, value);
            }
            System.clearProperty(property);
        });
    }

    @AfterEach
    void restoreProperties() {
        PROPERTIES.forEach(System::clearProperty);
        saved.forEach(System::setProperty);
    }

    @Test
    void namesTheMissingPropertyWithAnExample() {
        assertThatThrownBy(servers::startKafka)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("pipeline.test.infrastructure=external needs the system property "
                        + "pipeline.test.kafka.bootstrap-servers (for example "
                        + "-Dpipeline.test.kafka.bootstrap-servers=host:9092)");
        assertThatThrownBy(servers::startPostgres).hasMessageContaining("pipeline.test.postgres.url");
        assertThatThrownBy(servers::startMongo).hasMessageContaining("pipeline.test.mongo.uri");
    }

    @Test
    void usesTheServersNamedByTheProperties() {
        System.setProperty(ExternalServers.KAFKA_BOOTSTRAP_SERVERS, "kafka:9092");
        System.setProperty(ExternalServers.POSTGRES_URL, "jdbc:postgresql://db:5432/postgres?sslmode=disable");
        System.setProperty(ExternalServers.POSTGRES_USERNAME, "ci");
        System.setProperty(ExternalServers.MONGO_URI, "mongodb://mongo:27017/?replicaSet=rs0");

        assertThat(servers.startKafka().bootstrapServers()).isEqualTo("kafka:9092");
        Servers.PostgresServer postgres = servers.startPostgres();
        assertThat(postgres.jdbcUrl("query")).isEqualTo("jdbc:postgresql://db:5432/query?sslmode=disable");
        assertThat(postgres.username()).isEqualTo("ci");
        assertThat(postgres.password()).isEmpty();
        assertThat(servers.startMongo().uri("query")).isEqualTo("mongodb://mongo:27017/query?replicaSet=rs0");
    }
}
