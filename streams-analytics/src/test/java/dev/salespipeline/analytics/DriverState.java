package dev.salespipeline.analytics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.apache.kafka.streams.state.KeyValueIterator;

import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.envelope.EventEnvelope;

/**
 * The state of a {@link TopologyTestDriver}, for the tests of families that keep only their finest cells in a
 * changelog: what its stores and topics hold, and its state directory copied as a stopped instance leaves it, for
 * a driver to start again on.
 */
public final class DriverState {

    private DriverState() {
    }

    /** Settings that keep the DSL's stores in memory. */
    public static Properties inMemory() {
        Properties config = new Properties();
        config.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG,
                BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        return config;
    }

    /**
     * The settings of a driver: {@code settings} with an application id, a bootstrap server it never reaches and, if
     * given, the state directory it keeps its stores in.
     */
    public static Properties config(Properties settings, String applicationId, Path stateDir) {
        Properties config = new Properties();
        config.putAll(settings);
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        if (stateDir != null) {
            config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        }
        return config;
    }

    /** Sends the envelopes to the event topic in this order, keyed by aggregate, at their business times. */
    public static void publish(TopologyTestDriver driver, List<EventEnvelope<?>> envelopes) {
        TestInputTopic<String, Object> topic = driver.createInputTopic(Topics.PIPELINE_EVENTS,
                Serdes.String().serializer(), JsonSerde.of(Object.class).serializer());
        envelopes.forEach(envelope -> topic.pipeInput(envelope.aggregateId(), envelope, envelope.occurredAt()));
    }

    /** The values of a key-value store, in key order. */
    public static <V> List<V> values(TopologyTestDriver driver, String store) {
        List<V> values = new ArrayList<>();
        try (KeyValueIterator<String, V> all = driver.<String, V>getKeyValueStore(store).all()) {
            all.forEachRemaining(entry -> values.add(entry.value));
        }
        return values;
    }

    /** The entries of a key-value store, by key. */
    public static <V> Map<String, V> rows(TopologyTestDriver driver, String store) {
        Map<String, V> rows = new TreeMap<>();
        try (KeyValueIterator<String, V> all = driver.<String, V>getKeyValueStore(store).all()) {
            all.forEachRemaining(entry -> rows.put(entry.key, entry.value));
        }
        return rows;
    }

    /** The latest record of each key written to the topic since it was last read, by key. */
    public static <T> Map<String, T> latest(TopologyTestDriver driver, String topic, Class<T> type) {
        return new TreeMap<>(driver.createOutputTopic(topic, Serdes.String().deserializer(),
                JsonSerde.of(type).deserializer()).readKeyValuesToMap());
    }

    /**
     * Copies a driver's state directory as it is on disk after its last commit, while the driver runs (closing the
     * driver deletes it), leaving out the lock files.
     */
    public static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(file -> {
                Path target = to.resolve(from.relativize(file).toString());
                try {
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else if (!file.getFileName().toString().equals("LOCK")) {
                        Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
