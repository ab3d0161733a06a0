package dev.salespipeline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import dev.salespipeline.infra.embedded.PersistenceProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTest {

    @TempDir
    Path dataDir;

    @Test
    void infrastructureRestartedOnTheSameDataDirectoryKeepsAllData() {
        LauncherOptions options = infrastructureOnly();

        try (LocalStack stack = new LocalStack(options)) {
            stack.start();
            LocalInfrastructure infrastructure = stack.infrastructure();
            PersistenceProbe.produce(infrastructure.kafka().bootstrapServers(), "deal-events", "deal-1", "created");
            PersistenceProbe.insertRow(infrastructure.postgresUrl(), "pipeline", "pipeline", "probe", "kept");
            PersistenceProbe.insertDocument(infrastructure.mongoUri(), "deals", "deal-1", "kept");
        }

        assertThat(dataDir.resolve("kafka").resolve("meta.properties")).exists();
        assertThat(dataDir.resolve("postgres").resolve("PG_VERSION")).exists();
        assertThat(dataDir.resolve("mongo").resolve("pipeline.mv")).exists();
        assertThat(dataDir.resolve("logs").resolve("postgres.log")).exists();

        try (LocalStack stack = new LocalStack(options)) {
            stack.start();
            LocalInfrastructure infrastructure = stack.infrastructure();
            assertThat(PersistenceProbe.consume(infrastructure.kafka().bootstrapServers(), "deal-events", 1))
                    .extracting(ConsumerRecord::key, ConsumerRecord::value)
                    .containsExactly(tuple("deal-1", "created"));
            assertThat(PersistenceProbe.readRows(infrastructure.postgresUrl(), "pipeline", "pipeline", "probe"))
                    .containsExactly("kept");
            assertThat(PersistenceProbe.readDocument(infrastructure.mongoUri(), "deals", "deal-1")).contains("kept");
        }
    }

    @Test
    void givesEachServiceItsPortAndTheAddressesOfTheInfrastructure() {
        try (LocalStack stack = new LocalStack(infrastructureOnly())) {
            stack.start();
            LocalInfrastructure infrastructure = stack.infrastructure();

            assertThat(stack.environment(Service.QUERY))
                    .containsEntry("SERVER_PORT", "8082")
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + infrastructure.kafka().port())
                    .containsEntry("POSTGRES_URL", "jdbc:postgresql://localhost:" + infrastructure.postgres().port()
                            + "/pipeline")
                    .containsEntry("POSTGRES_USER", "pipeline")
                    .containsEntry("POSTGRES_PASSWORD", "pipeline")
                    .containsEntry("MONGODB_URI", "mongodb://localhost:" + infrastructure.mongo().port() + "/pipeline")
                    .containsEntry("STREAMS_STATE_DIR", dataDir.resolve("streams").toString())
                    .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION",
                            "file:" + dataDir.resolve("dev-identity").resolve("public.pem"));
            assertThat(dataDir.resolve("dev-identity").resolve("public.pem")).content()
                    .startsWith("-----BEGIN PUBLIC KEY-----");
            // every service trusts the same development issuer, streams-analytics as much as the other two
            assertThat(Service.values()).allSatisfy(service -> assertThat(stack.environment(service))
                    .containsEntry(DevIdentity.PUBLIC_KEY_LOCATION_VARIABLE, stack.identity().publicKeyLocation()));
            assertThat(stack.services()).isEmpty();
        }
    }

    @Test
    void closingTwiceIsHarmlessAndLeavesNothingListening() {
        LocalStack stack = new LocalStack(infrastructureOnly());
        stack.start();
        LocalInfrastructure infrastructure = stack.infrastructure();
        List<Integer> ports = List.of(infrastructure.kafka().port(), infrastructure.postgres().port(),
                infrastructure.mongo().port());

        stack.close();
        stack.close();

        assertThat(dataDir.resolve("postgres").resolve("postmaster.pid")).doesNotExist();
        assertThat(ports).allSatisfy(port -> assertThatThrownBy(() -> new Socket("localhost", port).close())
                .isInstanceOf(ConnectException.class));
    }

    private LauncherOptions infrastructureOnly() {
        return LauncherOptions.parse(new String[] {
                "--data-dir=" + dataDir, "--services=none", "--kafka-port=0", "--postgres-port=0", "--mongo-port=0"
        }, new Properties());
    }
}
