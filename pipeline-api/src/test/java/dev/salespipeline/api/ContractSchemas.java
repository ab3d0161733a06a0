package dev.salespipeline.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;

/**
 * The JSON schemas of the contract, as shipped in this module's resources under {@code contract/}, loaded
 * by their {@code $id}. Formats ({@code date-time}, {@code date}) are asserted, not just annotations.
 */
final class ContractSchemas {

    /** Every schema's {@code $id} is this followed by its path under {@code contract/}. */
    static final String BASE_ID = "https://salespipeline.dev/contract/";

    static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder
                    .schemaIdResolvers(resolvers -> resolvers.mapPrefix(BASE_ID, "classpath:contract/"))
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private ContractSchemas() {
    }

    static Schema envelope() {
        return load("envelope.v1.schema.json");
    }

    static Schema event(String type, int version) {
        return load(eventPath(type, version));
    }

    static Schema activityReport() {
        return load("ingest/ActivityReport.v1.schema.json");
    }

    static Schema openedDeals() {
        return load("metrics/OpenedDeals.v1.schema.json");
    }

    /** The JSON Schema 2020-12 meta-schema, which every schema of the contract must satisfy. */
    static Schema metaSchema() {
        return REGISTRY.getSchema(SchemaLocation.of(DRAFT_2020_12));
    }

    /** Path under {@code contract/} of the payload schema of one version of an event type. */
    static String eventPath(String type, int version) {
        return "events/" + type + ".v" + version + ".schema.json";
    }

    static Schema load(String path) {
        return REGISTRY.getSchema(SchemaLocation.of(BASE_ID + path));
    }

    /** What is wrong with the document, one line per error; empty when it is valid. */
    static List<String> errors(Schema schema, JsonNode document) {
        return schema.validate(document).stream().map(Error::toString).toList();
    }

    /**
     * The directory the schemas are read from: this module's main resources. (The test resources have a
     * {@code contract/} directory too, for the sample documents.)
     */
    static Path directory() {
        return resource("contract/envelope.v1.schema.json").getParent();
    }

    /** Every schema file, as a path relative to {@link #directory()} with {@code /} separators. */
    static List<String> schemaPaths() {
        Path root = directory();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .filter(path -> path.endsWith(".schema.json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resource(String name) {
        URL url = ContractSchemas.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("no " + name + " on the test class path");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
