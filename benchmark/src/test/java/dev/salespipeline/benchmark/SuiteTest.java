package dev.salespipeline.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole benchmark at a tiny size, so that it keeps working: it starts the local stack from the repository's jars
 * on ports of its own, runs every step against it, stops it, and writes one report in which every figure has its
 * value, its baseline and their ratio.
 */
class SuiteTest {

    private static final List<String> PORTS = List.of("kafka-port", "postgres-port", "mongo-port", "command-port",
            "query-port", "analytics-port");

    @Test
    @Timeout(900)
    void aShortRunStartsTheStackMeasuresEveryFigureAndStopsTheStack(@TempDir Path directory) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Suite.DEFAULTS);
        options.put("repo-root", "..");
        options.put("out", directory.toString());
        List<Integer> ports = new ArrayList<>();
        for (String port : PORTS) {
            int free = freePort();
            ports.add(free);
            options.put(port, Integer.toString(free));
        }
        options.putAll(Map.ofEntries(Map.entry("clients", "2"), Map.entry("deals", "4"), Map.entry("moves", "30"),
                Map.entry("warm-up-moves", "10"), Map.entry("query-sizes", "20,40"), Map.entry("timeline", "5"),
                Map.entry("reads", "5"), Map.entry("lag-samples", "4"), Map.entry("metric-lag-samples", "3"),
                Map.entry("lag-seconds", "20"), Map.entry("load-deals", "6"), Map.entry("load-actions", "30"),
                Map.entry("stream-events", "200,400"), Map.entry("stream-lag-samples", "3"),
                Map.entry("projection-events", "500")));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        Path file = new Suite(options, new PrintStream(printed, true, StandardCharsets.UTF_8), System.err).run();

        JsonNode report = JsonMapper.builder().build().readTree(Files.readString(file));
        JsonNode stack = report.path("stack");
        assertThat(stack.path("startSeconds").asDouble()).isPositive();
        assertThat(stack.path("residentMiBAtStart").asLong()).isPositive();
        assertThat(stack.path("residentMiBAfterLoad").asLong()).isPositive();
        assertThat(stack.path("memoryMiBAfterLoad").path("local-launcher").asLong()).isPositive();
        assertThat(stack.path("memoryMiBAfterLoad").path("query-service").asLong()).isPositive();
        assertThat(stack.path("memoryMiBAfterLoad").path("postgres").asLong()).isPositive();
        assertThat(report.path("machine").path("processors").asInt()).isPositive();

        Map<String, JsonNode> figures = new LinkedHashMap<>();
        report.path("figures").forEach(row -> figures.put(row.path("figure").asString(), row));
        assertThat(figures.keySet()).contains("commands/s, 1 client", "commands/s, 2 clients",
                "command latency, 2 clients", "command answered -> event on Kafka, 2 clients",
                "command answered -> read model, no other load", "command answered -> metric on Kafka, no other load",
                "command answered -> metric on Kafka, at half the maximum load", "read: deal card",
                "read-model rebuild, events/s (" + report.path("reports").path("query-20").path("rebuild")
                        .path("events").asLong() + " events)",
                "sales organisation at work, requests/s",
                "projections apply the log, events/s (" + report.path("reports").path("projection").path("apply")
                        .path("events").asLong() + " events, query-service alone)",
                "read-model rebuild into new collections, events/s (" + report.path("reports").path("projection")
                        .path("rebuild").path("events").asLong() + " events)",
                "analytics replay, events/s, one stream thread (400 events)", "event -> metric, analytics alone",
                "local stack start, s", "local stack memory after the load (proportional set sizes), MiB");
        assertThat(figures.keySet()).anyMatch(name -> name.startsWith("command answered -> read model, at "));
        assertThat(figures.keySet()).anyMatch(name -> name.startsWith("command latency at ")
                && name.endsWith(" commands/s (half the maximum)"));
        assertThat(figures.keySet()).anyMatch(name -> name.startsWith("read: board (40 open deals"));
        for (JsonNode row : figures.values()) {
            String name = row.path("figure").asString();
            switch (row.path("kind").asString()) {
                case "rate" -> {
                    assertThat(row.path("system").asDouble()).as(name).isPositive();
                    if (!row.path("baseline").isNull()) {
                        assertThat(row.path("baselineValue").asDouble()).as(name).isPositive();
                        assertThat(row.path("ratio").asDouble()).as(name).isCloseTo(
                                row.path("system").asDouble() / row.path("baselineValue").asDouble(), within(1e-9));
                    }
                }
                case "latency" -> {
                    assertThat(row.path("count").asInt()).as(name).isPositive();
                    assertThat(row.path("maxMs").asDouble()).as(name)
                            .isGreaterThanOrEqualTo(row.path("p99Ms").asDouble())
                            .isGreaterThanOrEqualTo(row.path("medianMs").asDouble());
                    assertThat(row.path("baselineP99Ms").asDouble()).as(name).isPositive();
                    assertThat(row.path("ratio").asDouble()).as(name).isPositive();
                }
                default -> assertThat(row.path("system").asDouble()).as(name).isPositive();
            }
        }
        assertThat(report.path("scaling")).hasSize(4);

        String markdown = Files.readString(directory.resolve("report.md"));
        assertThat(markdown).contains("| commands/s, 2 clients |", "| 40 |", "| 400 (");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Report: " + file);
        for (int port : ports) {
            assertThat(free(port)).as("port %d is free again: the stack has stopped", port).isTrue();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return socket.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }
}
