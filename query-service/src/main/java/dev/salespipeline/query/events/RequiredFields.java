package dev.salespipeline.query.events;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fields every payload of an event type and version must have, as its JSON Schema in {@code pipeline-api}
 * ({@code contract/events/<Type>.v<version>.schema.json}) lists them. A payload without one of them is refused before
 * any projection sees it, so that no read model is written half.
 */
final class RequiredFields {

    private final JsonMapper json;
    private final Map<String, List<String>> required = new ConcurrentHashMap<>();

    RequiredFields(JsonMapper json) {
        this.json = json;
    }

    /** The required fields that the payload lacks or holds as {@code null}; empty when it has them all. */
    List<String> missing(String type, int version, JsonNode payload) {
        List<String> missing = new ArrayList<>();
        for (String field : required.computeIfAbsent(type + ".v" + version, this::load)) {
            JsonNode value = payload.get(field);
            if (value == null || value.isNull()) {
                missing.add(field);
            }
        }
        return missing;
    }

    private List<String> load(String schema) {
        String resource = "contract/events/" + schema + ".schema.json";
        try (InputStream in = RequiredFields.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return List.of();
            }
            List<String> fields = new ArrayList<>();
            json.readTree(in).path("required").forEach(field -> fields.add(field.asString()));
            return List.copyOf(fields);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
