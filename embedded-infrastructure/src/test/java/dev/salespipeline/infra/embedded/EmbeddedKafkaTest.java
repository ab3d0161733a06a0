package dev.salespipeline.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

    @TempDir
    Path dataDir;

    @Test
    void restartOnTheSameLogDirectoryKeepsTheRecords() {
        Path logDir = dataDir.resolve("kafka");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(logDir, 0)) {
            PersistenceProbe.produce(kafka.bootstrapServers(), "deals", "deal-1", "created");
        }

        try (EmbeddedKafka kafka = EmbeddedKafka.start(logDir, 0)) {
            List<ConsumerRecord<String, String>> records = PersistenceProbe.consume(kafka.bootstrapServers(), "deals", 1);

            assertThat(records).extracting(ConsumerRecord::key, ConsumerRecord::value)
                    .containsExactly(tuple("deal-1", "created"));
        }
    }

    @Test
    void listensOnTheRequestedPortWithTheControllerOnAnother() {
        int port = freePort();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir.resolve("fixed-port"), port)) {
            assertThat(kafka.bootstrapServers()).isEqualTo("localhost:" + port);
            assertThat(kafka.controllerPort()).isNotEqualTo(port);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
