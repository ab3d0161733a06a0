package dev.salespipeline.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.salespipeline.analytics.app.AnalyticsTopology;
import dev.salespipeline.analytics.app.StreamsSettings;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.DomainEvent;

/**
 * The topics Streams writes and reads itself (repartition and foreign-key subscription topics) are read with the
 * same care as the event topic: a record on any of them that its reader cannot decode goes to the dead-letter topic
 * with the reason and the topic it came from, and the partition moves on. The metrics are then exactly those of the
 * same history without it.
 *
 * <p>The internal topics are taken from the topology itself, so a new one is covered without changing this test.
 */
class InternalTopicPoisonTest {

    private static final String APPLICATION = "internal-poison-test";
    private static final Pattern WALL_CLOCK = Pattern.compile("\"(openAsOf|asOf)\":\"[^\"]*\"");
    private static final List<String> POISON = List.of("{\"cut short", "[1,2,3]", "\u0000\u0001binary");

    @TempDir
    Path state;

    @Test
    void aRecordNoReaderCanDecodeOnAnyInternalTopicIsDeadLetteredAndTheMetricsAreThoseWithoutIt() throws Exception {
        List<DomainEvent> events = RandomHistoriesTest.History.generate(new Random(17), 16).events();
        Topology topology = AnalyticsTopology.build(CompanyPeriods.UTC);
        List<String> internal = internalSourceTopics(topology);
        assertThat(internal).as("the topology's own topics")
                .contains(APPLICATION + "-manager-activity-deltas-repartition")
                .anySatisfy(topic -> assertThat(topic).contains("subscription"));

        Map<String, Map<String, String>> clean;
        try (TopologyTestDriver driver = new TopologyTestDriver(AnalyticsTopology.build(CompanyPeriods.UTC),
                config(state.resolve("clean")))) {
            EventLog log = new EventLog(driver);
            events.forEach(log::append);
            clean = metrics(driver);
        }

        Map<String, Map<String, String>> poisoned;
        List<TestRecord<String, String>> dead;
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, config(state.resolve("poisoned")))) {
            EventLog log = new EventLog(driver);
            int half = events.size() / 2;
            events.subList(0, half).forEach(log::append);
            for (String topic : internal) {
                TestInputTopic<byte[], byte[]> input = driver.createInputTopic(topic,
                        Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
                POISON.forEach(value -> input.pipeInput(bytes("poison"), bytes(value)));
            }
            events.subList(half, events.size()).forEach(log::append);
            poisoned = metrics(driver);
            dead = driver.createOutputTopic(StreamsSettings.DEAD_LETTER_TOPIC, Serdes.String().deserializer(),
                    Serdes.String().deserializer()).readRecordsToList();
        }

        assertThat(dead).hasSize(internal.size() * POISON.size());
        assertThat(dead).allSatisfy(record -> {
            assertThat(record.key()).isEqualTo("poison");
            assertThat(POISON).contains(record.value());
            assertThat(record.headers().lastHeader("__streams.errors.message")).as("the reason").isNotNull()
                    .satisfies(reason -> assertThat(reason.value()).isNotEmpty());
            assertThat(header(record, "__streams.errors.exception")).isNotBlank();
        });
        assertThat(new TreeSet<>(dead.stream().map(record -> header(record, "__streams.errors.topic")).toList()))
                .containsExactlyElementsOf(new TreeSet<>(internal));
        assertThat(clean.values().stream().mapToInt(Map::size).sum()).as("metrics computed").isPositive();
        assertThat(poisoned).isEqualTo(clean);
    }

    /** Every topic a sub-topology reads that the application owns, under the name it has on the broker. */
    private static List<String> internalSourceTopics(Topology topology) {
        List<String> topics = new ArrayList<>();
        for (TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    source.topicSet().stream()
                            .filter(topic -> topic.endsWith("-repartition") || topic.endsWith("-topic"))
                            .map(topic -> APPLICATION + "-" + topic)
                            .forEach(topics::add);
                }
            }
        }
        return topics.stream().distinct().sorted().toList();
    }

    /**
     * The latest value of every key on every metric topic, as written, but for the wall-clock fields, which differ
     * between any two runs: when the open deals of a deal-size row or an owner's book were last counted.
     */
    private static Map<String, Map<String, String>> metrics(TopologyTestDriver driver) {
        Map<String, Map<String, String>> metrics = new TreeMap<>();
        for (String topic : Topics.METRICS_TOPICS) {
            Map<String, String> rows = new TreeMap<>();
            driver.createOutputTopic(topic, Serdes.String().deserializer(), Serdes.String().deserializer())
                    .readKeyValuesToMap()
                    .forEach((key, value) -> rows.put(key, WALL_CLOCK.matcher(value).replaceAll("")));
            metrics.put(topic, rows);
        }
        return metrics;
    }

    private static Properties config(Path stateDir) throws Exception {
        Files.createDirectories(stateDir);
        Properties config = StreamsSettings.config("unused:9092", APPLICATION, stateDir.toString(), "at_least_once",
                1, 1);
        config.putAll(DriverState.inMemory());
        return config;
    }

    private static String header(TestRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
