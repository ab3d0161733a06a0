package dev.salespipeline.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.salespipeline.api.Topics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The streams mode at a tiny size, so that it keeps working: a private broker, both replays and the lag. */
class StreamsBenchmarkTest {

    @Test
    @Timeout(90)
    void replaysTheHistoryThroughBothTopologiesAndMeasuresTheLag(@TempDir Path directory) throws Exception {
        Path reportFile = directory.resolve("streams.json");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        // One partition of the event topic: six times fewer tasks to start, each with its state stores.
        StreamsBenchmark.main(new String[] {"--events=300", "--lag-samples=5", "--partitions=1",
                "--report=" + reportFile}, new PrintStream(printed, true, StandardCharsets.UTF_8), System.err);

        JsonNode report = JsonMapper.builder().build().readTree(Files.readString(reportFile));
        assertThat(report.path("input").path("events").asLong()).isEqualTo(300);
        assertThat(report.path("input").path("deals").asLong()).isPositive();
        assertThat(report.path("produce").path("eventsPerSecond").asDouble()).isPositive();
        for (String run : new String[] {"passThrough", "full"}) {
            assertThat(report.path(run).path("events").asLong()).as(run).isEqualTo(300);
            assertThat(report.path(run).path("eventsPerSecond").asDouble()).as(run).isPositive();
            assertThat(report.path(run).path("secondsFromStart").asDouble()).as(run)
                    .isGreaterThanOrEqualTo(report.path(run).path("secondsFromRunning").asDouble());
        }
        assertThat(report.path("fullToPassThroughRatio").asDouble()).isPositive();
        JsonNode lag = report.path("eventToMetricMicros");
        assertThat(lag.path("count").asInt()).isEqualTo(5);
        assertThat(lag.path("median").asLong()).isPositive();
        assertThat(lag.path("max").asLong()).isGreaterThanOrEqualTo(lag.path("p99").asLong());
        JsonNode written = report.path("metricTopicRecords");
        assertThat(written.path(Topics.METRICS_OPENED_DEALS).asLong()).isPositive();
        assertThat(written.path(Topics.METRICS_CONVERSION).asLong()).isPositive();
        assertThat(written.path(Topics.METRICS_MANAGER_ACTIVITY).asLong()).isPositive();
        assertThat(report.path("heapAfterReplay").path("usedMB").asLong()).isPositive();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("pass-through topology (baseline)", "full analytics topology",
                        "DealOpened -> " + Topics.METRICS_OPENED_DEALS);
    }
}
