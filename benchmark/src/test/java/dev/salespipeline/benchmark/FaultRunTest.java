package dev.salespipeline.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The fault run's short form: a small load on the local stack while one instance of each service is killed
 * ({@code kill -9}) and started again by the launcher and the Kafka broker is stopped and started again, then the
 * reconciliation, which must find every accepted
 * command once in the event store, the store and the topic equal, the cards and the metrics equal to the fold of
 * the topic, and no dead letter.
 */
class FaultRunTest {

    @Test
    @Timeout(1200)
    void aKillOfEachServiceAndABrokerRestartUnderLoadLoseAndDuplicateNothing(@TempDir Path directory) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(FaultRun.DEFAULTS);
        options.put("repo-root", "..");
        options.put("out", directory.toString());
        int base = freeBase();
        int offset = 0;
        for (String port : new String[] {"command-port", "query-port", "analytics-port", "identity-port",
                "kafka-port", "postgres-port", "mongo-port"}) {
            options.put(port, Integer.toString(base + offset++));
        }
        options.putAll(Map.of("instances", "command=1,query=1,analytics=1", "quiet-seconds", "10",
                "load-seconds", "60", "faults", "4", "clients", "2", "open-deals", "10", "settle-seconds", "240"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        JsonNode report = new FaultRun(options, new PrintStream(printed, true, StandardCharsets.UTF_8), System.err)
                .run();

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(report.path("reconciliation").path("differences")).as(output).isEmpty();
        assertThat(report.path("reconciliation").path("agrees").asBoolean()).as(output).isTrue();
        assertThat(report.path("commandsRefused").asInt()).as(output).isZero();
        assertThat(report.path("recovered").asBoolean()).as(output).isTrue();
        assertThat(report.path("commandsAccepted").asInt()).isPositive();
        JsonNode counts = report.path("reconciliation").path("counts");
        assertThat(counts.path("storedEvents").asLong()).isEqualTo(counts.path("acceptedCommands").asLong());
        assertThat(counts.path("cardsCompared").asLong()).isPositive();
        assertThat(counts.path("deadLetterTopics").asLong()).isPositive();
        Set<String> killed = new TreeSet<>();
        report.path("faults").forEach(fault -> {
            assertThat(fault.path("healthyAfterSeconds").asDouble()).isPositive();
            if (fault.path("how").asString().equals("kill -9")) {
                killed.add(fault.path("instance").asString());
            }
        });
        assertThat(killed).containsExactly("command-service", "query-service", "streams-analytics");
        JsonNode restart = report.path("faults").path(3);
        assertThat(restart.path("instance").asString()).as(output).isEqualTo("kafka");
        assertThat(restart.path("how").asString()).as(output).matches("restart, down \\d+ s");
    }

    /**
     * The first of seven consecutive free ports, below the kernel's ephemeral range: there no server started on port 0
     * and no client connection can take one of them before the stack binds it.
     */
    private static int freeBase() {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 20_000 + random.nextInt(12_000);
            boolean allFree = true;
            for (int port = base; allFree && port < base + 7; port++) {
                allFree = free(port);
            }
            if (allFree) {
                return base;
            }
        }
        throw new IllegalStateException("no run of free ports found");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return socket.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }
}
