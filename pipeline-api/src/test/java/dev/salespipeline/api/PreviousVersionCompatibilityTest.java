package dev.salespipeline.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.salespipeline.api.activity.ActivityReport;
import dev.salespipeline.api.alerts.StalledDealAlert;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.envelope.EventTypes;
import dev.salespipeline.api.metrics.AcquisitionCost;
import dev.salespipeline.api.metrics.CallQuality;
import dev.salespipeline.api.metrics.DealSize;
import dev.salespipeline.api.metrics.ManagerActivity;
import dev.salespipeline.api.metrics.OpenedDeals;
import dev.salespipeline.api.metrics.OwnerBook;
import dev.salespipeline.api.metrics.SalesCycle;
import dev.salespipeline.api.metrics.PaymentPlan;
import dev.salespipeline.api.metrics.PipelineCoverage;
import dev.salespipeline.api.metrics.SalesVelocity;
import dev.salespipeline.api.metrics.StageAge;
import dev.salespipeline.api.metrics.StageConversion;
import dev.salespipeline.api.metrics.TimeInStage;
import dev.salespipeline.api.metrics.WeightedPipeline;
import dev.salespipeline.api.metrics.WinRate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Documents written by earlier releases, checked in under {@code contract/samples/v<n>/} (see the README
 * there), must stay valid against the schema of their type and version and must still read into the current
 * classes: a change that breaks a consumer of the topic's history fails here.
 */
class PreviousVersionCompatibilityTest {

    /** {@code <type>.v<version>.json}, or {@code <type>.v<version>.<variant>.json} for several of one kind. */
    private static final Pattern FILE_NAME = Pattern.compile("([A-Za-z0-9]+)\\.v([0-9]+)(\\.[a-z0-9-]+)?\\.json");

    /**
     * Current versions of the documents on the ingest, metric and alert topics. Each has one so far; a breaking
     * change to them gets a new topic, whose name carries the version.
     */
    private static final Map<String, Integer> OTHER_DOCUMENTS = Map.ofEntries(Map.entry("ActivityReport", 1),
            Map.entry("OpenedDeals", 1), Map.entry("StageConversion", 1), Map.entry("WinRate", 1),
            Map.entry("StalledDealAlert", 1), Map.entry("TimeInStage", 1), Map.entry("StageAge", 1),
            Map.entry("SalesCycle", 1), Map.entry("SalesVelocity", 1), Map.entry("WeightedPipeline", 1),
            Map.entry("PaymentPlan", 1), Map.entry("PipelineCoverage", 1),
            Map.entry("ManagerActivity", 2), Map.entry("OwnerBook", 1), Map.entry("DealSize", 1),
            Map.entry("AcquisitionCost", 1), Map.entry("CallQuality", 1));

    private static final Map<String, Class<?>> METRIC_TYPES = Map.ofEntries(
            Map.entry("OpenedDeals", OpenedDeals.class), Map.entry("StageConversion", StageConversion.class),
            Map.entry("WinRate", WinRate.class), Map.entry("TimeInStage", TimeInStage.class),
            Map.entry("StageAge", StageAge.class), Map.entry("SalesCycle", SalesCycle.class),
            Map.entry("SalesVelocity", SalesVelocity.class), Map.entry("WeightedPipeline", WeightedPipeline.class),
            Map.entry("PaymentPlan", PaymentPlan.class), Map.entry("PipelineCoverage", PipelineCoverage.class),
            Map.entry("ManagerActivity", ManagerActivity.class),
            Map.entry("OwnerBook", OwnerBook.class), Map.entry("DealSize", DealSize.class),
            Map.entry("AcquisitionCost", AcquisitionCost.class), Map.entry("CallQuality", CallQuality.class));

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everySampleMatchesTheSchemaOfItsTypeAndVersion() {
        assertThat(samples()).isNotEmpty().allSatisfy(sample -> {
            JsonNode document = sample.document();
            switch (sample.kind()) {
                case "events" -> {
                    assertThat(ContractSchemas.errors(ContractSchemas.envelope(), document)).isEmpty();
                    assertThat(ContractSchemas.errors(ContractSchemas.event(sample.type(), sample.version()),
                            document.get("payload"))).isEmpty();
                }
                case "ingest", "metrics", "alerts" -> assertThat(ContractSchemas.errors(
                        ContractSchemas.load(sample.kind() + "/" + sample.type() + ".v" + sample.version()
                                + ".schema.json"), document)).isEmpty();
                default -> throw new AssertionError("unknown kind of sample: " + sample.path());
            }
        });
    }

    @Test
    void everySampleReadsIntoTheCurrentClasses() {
        assertThat(samples()).allSatisfy(sample -> {
            Object value = read(sample);

            assertThat(value).isNotNull();
            if (sample.version() == currentVersion(sample)) {
                // nothing of a document of the current version is lost on the way through the class
                JsonNode written = json.readTree(json.writeValueAsString(value));
                assertThat(normalized(written)).isEqualTo(normalized(payloadOf(sample)));
            }
        });
    }

    @Test
    void aDealOpenedOfVersion1ReadsAsADealOutsideAnyTeam() {
        Sample sample = samples().stream()
                .filter(s -> s.type().equals("DealOpened") && s.version() == 1)
                .findFirst().orElseThrow();

        DealOpened opened = (DealOpened) read(sample);

        assertThat(sample.document().get("payload").has("teamId")).isFalse();
        assertThat(opened.teamId()).isNull();
        assertThat(opened.ownerId()).isEqualTo("anna");
        assertThat(opened.amount()).isEqualTo(Money.of("1500.00", "EUR"));
    }

    @Test
    void thereIsASampleOfEveryRegisteredTypeAtItsCurrentVersion() {
        Set<String> sampled = samples().stream().map(s -> s.type() + ".v" + s.version()).collect(Collectors.toSet());

        EventTypes.all().forEach((type, registered) ->
                assertThat(sampled).as("samples").contains(type + ".v" + registered.version()));
        assertThat(sampled).contains("ActivityReport.v1", "OpenedDeals.v1", "StageConversion.v1", "WinRate.v1",
                "StalledDealAlert.v1", "TimeInStage.v1", "StageAge.v1", "SalesCycle.v1", "SalesVelocity.v1",
                "WeightedPipeline.v1", "PaymentPlan.v1", "PipelineCoverage.v1", "ManagerActivity.v1",
                "ManagerActivity.v2",
                "OwnerBook.v1", "DealSize.v1", "AcquisitionCost.v1");
    }

    @Test
    void everySampleIsOfARegisteredTypeAndAVersionThatWasPublished() {
        assertThat(samples()).allSatisfy(sample -> {
            assertThat(sample.version()).as(sample.path()).isBetween(1, currentVersion(sample));
            if (sample.kind().equals("events")) {
                assertThat(sample.document().get("type").asString()).as(sample.path()).isEqualTo(sample.type());
                assertThat(sample.document().get("version").asInt()).as(sample.path()).isEqualTo(sample.version());
            }
        });
    }

    private Object read(Sample sample) {
        return switch (sample.kind()) {
            case "events" -> {
                EventEnvelope<JsonNode> envelope = json.readValue(sample.text(),
                        new TypeReference<EventEnvelope<JsonNode>>() { });
                Class<?> payloadType = EventTypes.byName(envelope.type()).orElseThrow().payloadType();
                yield json.treeToValue(envelope.payload(), payloadType);
            }
            case "ingest" -> json.readValue(sample.text(), ActivityReport.class);
            case "metrics" -> json.readValue(sample.text(), METRIC_TYPES.get(sample.type()));
            case "alerts" -> json.readValue(sample.text(), StalledDealAlert.class);
            default -> throw new AssertionError("unknown kind of sample: " + sample.path());
        };
    }

    private static JsonNode payloadOf(Sample sample) {
        return sample.kind().equals("events") ? sample.document().get("payload") : sample.document();
    }

    private static int currentVersion(Sample sample) {
        return switch (sample.kind()) {
            case "events" -> EventTypes.byName(sample.type())
                    .orElseThrow(() -> new AssertionError(sample.path() + ": not a registered event type"))
                    .version();
            case "ingest", "metrics", "alerts" -> {
                Integer version = OTHER_DOCUMENTS.get(sample.type());
                if (version == null) {
                    throw new AssertionError(sample.path() + ": not a document of the ingest, metric or alert topics");
                }
                yield version;
            }
            default -> throw new AssertionError("unknown kind of sample: " + sample.path());
        };
    }

    /** Sets (such as a stage's exit requirements) are written in no particular order. */
    private static JsonNode normalized(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(property -> copy.set(property.getKey(), normalized(property.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            Stream<JsonNode> items = node.valueStream().map(PreviousVersionCompatibilityTest::normalized);
            if (node.valueStream().allMatch(JsonNode::isString)) {
                items = items.sorted((a, b) -> a.asString().compareTo(b.asString()));
            }
            items.forEach(copy::add);
            return copy;
        }
        return node;
    }

    private List<Sample> samples() {
        Path root = ContractSchemas.resource("contract/samples");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .map(file -> sample(root, file))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Sample sample(Path root, Path file) {
        String path = root.relativize(file).toString().replace('\\', '/');
        String[] parts = path.split("/");
        assertThat(parts).as("%s is v<n>/<events|ingest|metrics|alerts>/<file>", path).hasSize(3);
        assertThat(parts[0]).as(path).matches("v[0-9]+");
        Matcher name = FILE_NAME.matcher(parts[2]);
        assertThat(name.matches()).as("%s is named <type>.v<version>[.<variant>].json", path).isTrue();
        try {
            String text = Files.readString(file);
            return new Sample(path, parts[1], name.group(1), Integer.parseInt(name.group(2)), text,
                    json.readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One checked-in document.
     *
     * @param path    relative to {@code contract/samples}, e.g. {@code v1/events/DealOpened.v1.json}
     * @param kind    {@code events} (an envelope), {@code ingest}, {@code metrics} or {@code alerts}
     * @param type    the event type or the document's record name
     * @param version the schema version the document was written with
     * @param text     the document as stored
     * @param document the same, parsed
     */
    private record Sample(String path, String kind, String type, int version, String text, JsonNode document) {

        @Override
        public String toString() {
            return path;
        }
    }
}
