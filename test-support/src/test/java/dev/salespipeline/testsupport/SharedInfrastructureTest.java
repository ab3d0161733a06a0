package dev.salespipeline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SharedInfrastructureTest {

    private final RecordingServers servers = new RecordingServers();
    private final SharedInfrastructure infrastructure = new SharedInfrastructure(InfrastructureMode.EMBEDDED, servers);

    @Test
    void startsOnlyTheServerATestUsesAndOnlyOnce() {
        infrastructure.kafkaBootstrapServers();
        infrastructure.kafkaBootstrapServers();

        assertThat(servers.events).containsExactly("start kafka");
    }

    @Test
    void stopsWhatWasStartedInReverseOrderAndStartsAgainWhenUsedAfterwards() {
        infrastructure.kafkaBootstrapServers();
        infrastructure.postgresUsername();
        infrastructure.mongoUri("pipeline");

        infrastructure.close();
        infrastructure.kafkaBootstrapServers();

        assertThat(servers.events).containsExactly("start kafka", "start postgres", "start mongo",
                "stop mongo", "stop postgres", "stop kafka", "start kafka");
    }

    private static final class RecordingServers implements Servers {

        final List<String> events = new ArrayList<>();

        @Override
        public String description() {
            return "recording";
        }

        @Override
        public KafkaServer startKafka() {
            events.add("start kafka");
            return new KafkaServer() {
                @Override
                public String bootstrapServers() {
                    return "localhost:9092";
                }

                @Override
                public void close() {
                    events.add("stop kafka");
                }
            };
        }

        @Override
        public PostgresServer startPostgres() {
            events.add("start postgres");
            return new PostgresServer() {
                @Override
                public String jdbcUrl(String database) {
                    return "jdbc:postgresql://localhost:5432/" + database;
                }

                @Override
                public String createDatabase(String name) {
                    return jdbcUrl(name);
                }

                @Override
                public String username() {
                    return "pipeline";
                }

                @Override
                public String password() {
                    return "pipeline";
                }

                @Override
                public void close() {
                    events.add("stop postgres");
                }
            };
        }

        @Override
        public MongoServer startMongo() {
            events.add("start mongo");
            return new MongoServer() {
                @Override
                public String uri(String database) {
                    return "mongodb://localhost:27017/" + database;
                }

                @Override
                public void close() {
                    events.add("stop mongo");
                }
            };
        }
    }
}
