package dev.salespipeline.analytics.app;

import static dev.salespipeline.analytics.EventMother.dealOpened;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.metrics.OpenedDeals;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The application's full topology, with the configuration it runs with in production.
 */
class AnalyticsTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-16T09:00:00Z");

    @Test
    void unreadableRecordsGoToTheDeadLetterTopicWithTheReasonAndTheStreamGoesOn() {
        Properties config = new AnalyticsStreams("unused:9092", "analytics-test",
                System.getProperty("java.io.tmpdir") + "/analytics-test", "at_least_once", (short) 1, 1, 6, "UTC", Duration.ofMinutes(1), 40,
                new SimpleMeterRegistry()).config();

        try (TopologyTestDriver driver = new TopologyTestDriver(AnalyticsTopology.build(CompanyPeriods.UTC), config)) {
            TestInputTopic<String, String> raw = driver.createInputTopic(Topics.PIPELINE_EVENTS,
                    Serdes.String().serializer(), Serdes.String().serializer());
            TestOutputTopic<String, String> deadLetters = driver.createOutputTopic(AnalyticsStreams.DEAD_LETTER_TOPIC,
                    Serdes.String().deserializer(), Serdes.String().deserializer());
            TestOutputTopic<String, OpenedDeals> metrics = driver.createOutputTopic(Topics.METRICS_OPENED_DEALS,
                    Serdes.String().deserializer(), JsonSerde.of(OpenedDeals.class).deserializer());

            raw.pipeInput("deal-x", "{not json", T0);
            raw.pipeInput("deal-1", toJson(dealOpened("deal-1", "sales", T0)), T0);

            List<TestRecord<String, String>> dead = deadLetters.readRecordsToList();
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).key()).isEqualTo("deal-x");
            assertThat(dead.get(0).value()).isEqualTo("{not json");
            assertThat(headerNames(dead.get(0))).anyMatch(name -> name.contains("exception"));
            assertThat(metrics.readKeyValuesToMap()).containsEntry("sales", new OpenedDeals("sales", 1));
        }
    }

    @Test
    void namesEveryProcessorStoreAndInternalTopic() {
        String description = AnalyticsTopology.build(CompanyPeriods.UTC).describe().toString();

        // generated names (KSTREAM-FILTER-0000000003) change when the topology changes and break upgrades
        assertThat(description).doesNotContainPattern("[A-Z]+-[A-Z-]+-\\d{10}");
    }

    private static String toJson(Object value) {
        return new String(JsonSerde.of(Object.class).serializer().serialize("t", value), StandardCharsets.UTF_8);
    }

    private static List<String> headerNames(TestRecord<String, String> record) {
        return java.util.Arrays.stream(record.headers().toArray()).map(Header::key).toList();
    }
}
