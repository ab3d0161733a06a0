package dev.salespipeline.analytics.serde;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON serde of the analytics topologies: records and the event envelope, written with
 * Jackson. A record that cannot be read fails deserialization, which the application routes to its
 * dead-letter topic.
 */
public final class JsonSerde<T> implements Serde<T> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    // Bound once to the type: each record then skips the lookup of its root serializer and deserializer.
    private final ObjectReader reader;
    private final ObjectWriter writer;

    private JsonSerde(JavaType type) {
        this.reader = JSON.readerFor(type);
        this.writer = JSON.writerFor(type);
    }

    public static <T> JsonSerde<T> of(Class<T> type) {
        return new JsonSerde<>(JSON.constructType(type));
    }

    public static <T> JsonSerde<T> of(TypeReference<T> type) {
        return new JsonSerde<>(JSON.constructType(type));
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, data) -> data == null ? null : writer.writeValueAsBytes(data);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : reader.readValue(bytes);
    }
}
