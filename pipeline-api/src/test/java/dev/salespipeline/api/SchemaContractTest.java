package dev.salespipeline.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.networknt.schema.Schema;

import dev.salespipeline.api.activity.ActivityIds;
import dev.salespipeline.api.activity.ActivityKind;
import dev.salespipeline.api.activity.ActivityMatch;
import dev.salespipeline.api.activity.ActivityReceived;
import dev.salespipeline.api.activity.ActivityReport;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.envelope.EventTypes;
import dev.salespipeline.api.spend.MarketingSpendIds;
import dev.salespipeline.api.target.TargetPeriod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON schemas under {@code contract/} describe exactly what the records serialize to: every sample
 * document is valid, every registered event type has a schema for its current version, the required fields
 * are the ones the records refuse to leave null, and the check does fail on documents that break the
 * contract.
 */
class SchemaContractTest {

    private static final Pattern EVENT_SCHEMA = Pattern.compile("events/([A-Za-z0-9]+)\\.v([0-9]+)\\.schema\\.json");

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everySampleEventMatchesTheEnvelopeSchemaAndThePayloadSchemaOfItsTypeAndVersion() {
        Schema envelopeSchema = ContractSchemas.envelope();
        for (DomainEvent event : EventSamples.all()) {
            JsonNode envelope = envelopeOf(event);
            String type = envelope.get("type").asString();
            int version = envelope.get("version").asInt();

            assertThat(ContractSchemas.errors(envelopeSchema, envelope)).as("envelope of %s", type).isEmpty();
            assertThat(ContractSchemas.errors(ContractSchemas.event(type, version), envelope.get("payload")))
                    .as("payload of %s", type).isEmpty();
        }
    }

    @Test
    void everyFieldARecordLetsBeNullIsValidAsNull() {
        for (DomainEvent sample : EventSamples.all()) {
            Schema schema = currentSchemaOf(sample.getClass());
            for (NullProbe probe : NullProbe.all(sample)) {
                if (probe.accepted() != null) {
                    assertThat(ContractSchemas.errors(schema, json.valueToTree(probe.accepted())))
                            .as("%s with %s null", sample.getClass().getSimpleName(), probe.field()).isEmpty();
                }
            }
        }
        ActivityReceived unmatched = new ActivityReceived(ActivityIds.of("gmail", "msg-18"), "gmail", "msg-18",
                ActivityKind.EMAIL, Direction.INBOUND, Instant.parse("2026-11-16T09:30:15Z"), 0, false, null, null,
                null, "Re: Offer", "jo@acme.example", "anna@us.example", null, null, ActivityMatch.UNMATCHED);
        assertThat(ContractSchemas.errors(currentSchemaOf(ActivityReceived.class), json.valueToTree(unmatched)))
                .isEmpty();
    }

    @Test
    void theRequiredFieldsAreTheRecordComponentsThatCannotBeNull() {
        for (DomainEvent sample : EventSamples.all()) {
            Class<?> type = sample.getClass();
            JsonNode schema = schemaDocument(ContractSchemas.eventPath(type.getSimpleName(), EventTypes.versionOf(type)));

            Set<String> components = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            Set<String> cannotBeNull = new LinkedHashSet<>();
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getType().isPrimitive()) {
                    cannotBeNull.add(component.getName());
                }
            }
            for (NullProbe probe : NullProbe.all(sample)) {
                if (probe.refused()) {
                    cannotBeNull.add(probe.field());
                }
            }

            assertThat(schema.get("properties").propertyNames()).as("properties of %s", type.getSimpleName())
                    .containsExactlyElementsOf(components);
            assertThat(schema.get("required").values()).extracting(JsonNode::asString)
                    .as("required fields of %s", type.getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(cannotBeNull);
        }
    }

    @Test
    void everyRegisteredTypeHasASchemaForItsCurrentVersion() {
        EventTypes.all().forEach((type, registered) ->
                assertThat(ContractSchemas.directory().resolve(ContractSchemas.eventPath(type, registered.version())))
                        .as(type).isRegularFile());
    }

    @Test
    void everyEventSchemaIsForARegisteredTypeAtOrBelowItsCurrentVersion() {
        List<String> eventSchemas = ContractSchemas.schemaPaths().stream().filter(p -> p.startsWith("events/")).toList();

        assertThat(eventSchemas).isNotEmpty().allSatisfy(path -> {
            Matcher name = EVENT_SCHEMA.matcher(path);
            assertThat(name.matches()).as("%s is named events/<type>.v<version>.schema.json", path).isTrue();
            EventTypes.Registered registered = EventTypes.byName(name.group(1)).orElse(null);
            assertThat(registered).as("%s is a registered event type", name.group(1)).isNotNull();
            assertThat(Integer.parseInt(name.group(2))).as(path).isBetween(1, registered.version());
        });
        assertThat(ContractSchemas.schemaPaths()).filteredOn(p -> !p.startsWith("events/"))
                .containsExactlyInAnyOrder("envelope.v1.schema.json", "ingest/ActivityReport.v1.schema.json",
                        "metrics/OpenedDeals.v1.schema.json", "metrics/StageConversion.v1.schema.json",
                        "metrics/WinRate.v1.schema.json", "alerts/StalledDealAlert.v1.schema.json",
                        "metrics/TimeInStage.v1.schema.json", "metrics/StageAge.v1.schema.json",
                        "metrics/SalesCycle.v1.schema.json", "metrics/SalesVelocity.v1.schema.json",
                        "metrics/WeightedPipeline.v1.schema.json", "metrics/PaymentPlan.v1.schema.json",
                        "metrics/PipelineCoverage.v1.schema.json", "metrics/ManagerActivity.v1.schema.json",
                        "metrics/ManagerActivity.v2.schema.json",
                        "metrics/OwnerBook.v1.schema.json", "metrics/DealSize.v1.schema.json",
                        "metrics/AcquisitionCost.v1.schema.json", "metrics/CallQuality.v1.schema.json");
    }

    @Test
    void everySchemaIsAValidDraft2020_12SchemaWhoseIdIsItsPath() {
        Schema metaSchema = ContractSchemas.metaSchema();
        for (String path : ContractSchemas.schemaPaths()) {
            JsonNode schema = schemaDocument(path);

            assertThat(ContractSchemas.errors(metaSchema, schema)).as(path).isEmpty();
            assertThat(schema.get("$schema").asString()).as(path).isEqualTo(ContractSchemas.DRAFT_2020_12);
            assertThat(schema.get("$id").asString()).as(path).isEqualTo(ContractSchemas.BASE_ID + path);
            assertThat(schema.get("description").asString()).as(path).isNotBlank();
            assertThat(schema.get("additionalProperties").asBoolean(true)).as(path).isFalse();
        }
    }

    @Test
    void aDefinitionIsTheSameInEverySchemaThatEmbedsIt() {
        Map<String, JsonNode> first = new HashMap<>();
        Map<String, String> firstPath = new HashMap<>();
        for (String path : ContractSchemas.schemaPaths()) {
            JsonNode defs = schemaDocument(path).get("$defs");
            if (defs == null) {
                continue;
            }
            for (Map.Entry<String, JsonNode> def : defs.properties()) {
                JsonNode earlier = first.putIfAbsent(def.getKey(), def.getValue());
                firstPath.putIfAbsent(def.getKey(), path);
                if (earlier != null) {
                    assertThat(def.getValue()).as("%s in %s and in %s", def.getKey(), path, firstPath.get(def.getKey()))
                            .isEqualTo(earlier);
                }
            }
        }
        assertThat(first).containsKeys("Money", "StageDefinition", "Duration", "Direction");
    }

    // What the check catches

    @Test
    void aPayloadMissingARequiredFieldFails() {
        ObjectNode payload = samplePayload("DealOpened");
        payload.remove("ownerId");

        assertThat(payloadErrors("DealOpened", payload)).singleElement().asString().contains("ownerId");
    }

    @Test
    void aRequiredFieldThatIsNullFails() {
        ObjectNode payload = samplePayload("DealLost");
        payload.putNull("reason");

        assertThat(payloadErrors("DealLost", payload)).singleElement().asString().contains("reason");
    }

    @Test
    void anUnknownEnumValueFails() {
        ObjectNode call = samplePayload("CallLogged");
        call.put("direction", "SIDEWAYS");
        ObjectNode stage = samplePayload("StageSettingsChanged");
        stage.putArray("exitRequirements").add("AMOUNT").add("BUDGET");

        assertThat(payloadErrors("CallLogged", call)).isNotEmpty().allMatch(error -> error.contains("direction"));
        assertThat(payloadErrors("StageSettingsChanged", stage)).isNotEmpty()
                .allMatch(error -> error.contains("exitRequirements"));
    }

    @Test
    void anExtraFieldFails() {
        ObjectNode payload = samplePayload("DealWon");
        payload.put("discount", "5%");
        ObjectNode nested = samplePayload("DealAmountChanged");
        ((ObjectNode) nested.get("amount")).put("precision", 2);

        assertThat(payloadErrors("DealWon", payload)).singleElement().asString().contains("discount");
        assertThat(payloadErrors("DealAmountChanged", nested)).singleElement().asString().contains("precision");
    }

    @Test
    void aDateOrTimeThatIsNotIso8601Fails() {
        ObjectNode moved = samplePayload("DealMovedToStage");
        moved.put("occurredAt", "16.11.2026 09:30");
        ObjectNode closeDate = samplePayload("ExpectedCloseDateChanged");
        closeDate.put("expectedCloseDate", "01/15/2027");
        ObjectNode noZone = samplePayload("TaskScheduled");
        noZone.put("dueAt", "2026-11-17T09:30:15");

        assertThat(payloadErrors("DealMovedToStage", moved)).singleElement().asString().contains("occurredAt");
        assertThat(payloadErrors("ExpectedCloseDateChanged", closeDate)).singleElement().asString()
                .contains("expectedCloseDate");
        assertThat(payloadErrors("TaskScheduled", noZone)).singleElement().asString().contains("dueAt");
    }

    @Test
    void anAmountThatIsNotADecimalStringFails() {
        ObjectNode number = samplePayload("DealWon");
        ((ObjectNode) number.get("amount")).put("amount", 1500.00);
        ObjectNode exponent = samplePayload("DealWon");
        ((ObjectNode) exponent.get("amount")).put("amount", "1.5E+3");
        ObjectNode currency = samplePayload("DealWon");
        ((ObjectNode) currency.get("amount")).put("currency", "euro");

        assertThat(payloadErrors("DealWon", number)).isNotEmpty();
        assertThat(payloadErrors("DealWon", exponent)).isNotEmpty();
        assertThat(payloadErrors("DealWon", currency)).isNotEmpty();
    }

    @Test
    void theContractStatesTheBoundsOfAmountsAndTexts() {
        ObjectNode largest = samplePayload("DealWon");
        ((ObjectNode) largest.get("amount")).put("amount", Bounds.MAX_AMOUNT);
        assertThat(payloadErrors("DealWon", largest)).isEmpty();

        for (String amount : List.of("1000000000000000", "0.00001", "123456789012345678901234567890123456")) {
            ObjectNode outOfBounds = samplePayload("DealWon");
            ((ObjectNode) outOfBounds.get("amount")).put("amount", amount);
            assertThat(payloadErrors("DealWon", outOfBounds)).as(amount).isNotEmpty()
                    .allMatch(error -> error.contains("/amount"));
        }
        ObjectNode title = samplePayload("DealOpened");
        title.put("title", "x".repeat(Bounds.TITLE_LENGTH + 1));
        assertThat(payloadErrors("DealOpened", title)).singleElement().asString().contains("title");
        ObjectNode transcript = samplePayload("CallLogged");
        transcript.put("transcript", "x".repeat(Bounds.TRANSCRIPT_LENGTH + 1));
        assertThat(payloadErrors("CallLogged", transcript)).singleElement().asString().contains("transcript");
    }

    /** The schemas are written by hand: each amount pattern must be the one the code checks. */
    @Test
    void everyAmountInTheContractHasTheBoundsPattern() throws IOException {
        for (String path : ContractSchemas.schemaPaths()) {
            String schema = Files.readString(ContractSchemas.directory().resolve(path));
            if (schema.contains("\"Money\"")) {
                assertThat(json.readTree(schema).at("/$defs/Money/properties/amount/pattern").asString()).as(path)
                        .isEqualTo(Bounds.AMOUNT_PATTERN);
            }
        }
    }

    @Test
    void anActivityHasADealExactlyWhenItIsMatched() {
        ObjectNode matchedWithoutDeal = samplePayload("ActivityReceived");
        matchedWithoutDeal.putNull("dealId");
        ObjectNode unmatchedWithDeal = samplePayload("ActivityReceived");
        unmatchedWithDeal.put("match", "UNMATCHED");

        assertThat(payloadErrors("ActivityReceived", matchedWithoutDeal)).isNotEmpty();
        assertThat(payloadErrors("ActivityReceived", unmatchedWithDeal)).isNotEmpty();
    }

    @Test
    void anEnvelopeMissingAFieldOrWithAnExtraOneFails() {
        ObjectNode missing = (ObjectNode) envelopeOf(EventSamples.all().get(0));
        missing.remove("eventId");
        ObjectNode extra = (ObjectNode) envelopeOf(EventSamples.all().get(0));
        extra.put("tenant", "acme");
        ObjectNode badTime = (ObjectNode) envelopeOf(EventSamples.all().get(0));
        badTime.put("recordedAt", "yesterday");

        assertThat(ContractSchemas.errors(ContractSchemas.envelope(), missing)).singleElement().asString()
                .contains("eventId");
        assertThat(ContractSchemas.errors(ContractSchemas.envelope(), extra)).singleElement().asString()
                .contains("tenant");
        assertThat(ContractSchemas.errors(ContractSchemas.envelope(), badTime)).singleElement().asString()
                .contains("recordedAt");
    }

    // The ingest topic and the metric

    @Test
    void everySampleReportMatchesTheActivityReportSchema() {
        List<ActivityReport> reports = new ArrayList<>(EventSamples.activityReports());
        Instant at = Instant.parse("2026-11-16T09:30:15Z");
        reports.add(ActivityReport.call("aircall", "call-993", Direction.OUTBOUND, at, 0, false, "+49 30 1234"));
        reports.add(ActivityReport.email("gmail", "msg-19", Direction.INBOUND, at, null, "jo@acme.example",
                "anna@us.example"));

        assertThat(reports).allSatisfy(report -> assertThat(ContractSchemas.errors(ContractSchemas.activityReport(),
                json.valueToTree(report))).as(report.toString()).isEmpty());
    }

    @Test
    void anActivityReportThatBreaksTheContractFails() {
        ObjectNode callWithoutNumber = sampleReport(ActivityKind.CALL);
        callWithoutNumber.remove("phoneNumber");
        ObjectNode emailWithoutRecipient = sampleReport(ActivityKind.EMAIL);
        emailWithoutRecipient.putNull("toAddress");
        ObjectNode missingKind = sampleReport(ActivityKind.CALL);
        missingKind.remove("kind");
        ObjectNode unknownKind = sampleReport(ActivityKind.CALL);
        unknownKind.put("kind", "SMS");
        ObjectNode extra = sampleReport(ActivityKind.CALL);
        extra.put("duration", 95);
        ObjectNode localTime = sampleReport(ActivityKind.EMAIL);
        localTime.put("occurredAt", "2026-11-16 09:30:15");

        Schema schema = ContractSchemas.activityReport();
        assertThat(ContractSchemas.errors(schema, callWithoutNumber)).isNotEmpty()
                .allMatch(error -> error.contains("phoneNumber"));
        assertThat(ContractSchemas.errors(schema, emailWithoutRecipient)).isNotEmpty()
                .allMatch(error -> error.contains("toAddress"));
        assertThat(ContractSchemas.errors(schema, missingKind)).singleElement().asString().contains("kind");
        assertThat(ContractSchemas.errors(schema, unknownKind)).isNotEmpty().allMatch(error -> error.contains("kind"));
        assertThat(ContractSchemas.errors(schema, extra)).singleElement().asString().contains("duration");
        assertThat(ContractSchemas.errors(schema, localTime)).singleElement().asString().contains("occurredAt");
    }

    @Test
    void theOpenedDealsSampleMatchesItsSchemaAndTheCheckCanFail() {
        Schema schema = ContractSchemas.openedDeals();
        JsonNode sample = json.valueToTree(EventSamples.openedDeals());
        ObjectNode missing = (ObjectNode) sample.deepCopy();
        missing.remove("dealsOpened");
        ObjectNode extra = (ObjectNode) sample.deepCopy();
        extra.put("dealsWon", 3);
        ObjectNode text = (ObjectNode) sample.deepCopy();
        text.put("dealsOpened", "42");

        assertThat(ContractSchemas.errors(schema, sample)).isEmpty();
        assertThat(ContractSchemas.errors(schema, missing)).singleElement().asString().contains("dealsOpened");
        assertThat(ContractSchemas.errors(schema, extra)).singleElement().asString().contains("dealsWon");
        assertThat(ContractSchemas.errors(schema, text)).singleElement().asString().contains("dealsOpened");
    }

    @Test
    void theConversionSamplesMatchTheirSchemasAndTheCheckCanFail() {
        Schema conversion = ContractSchemas.load("metrics/StageConversion.v1.schema.json");
        Schema winRate = ContractSchemas.load("metrics/WinRate.v1.schema.json");
        JsonNode sample = json.valueToTree(EventSamples.stageConversion());
        ObjectNode badPeriod = (ObjectNode) sample.deepCopy();
        badPeriod.put("period", "November");
        ObjectNode negative = (ObjectNode) sample.deepCopy();
        ((ObjectNode) negative.get("stages").get(0)).put("entered", -1);
        ObjectNode unknownType = (ObjectNode) json.valueToTree(EventSamples.winRate());
        unknownType.put("periodType", "YEAR");

        assertThat(ContractSchemas.errors(conversion, sample)).isEmpty();
        assertThat(ContractSchemas.errors(winRate, json.valueToTree(EventSamples.winRate()))).isEmpty();
        assertThat(ContractSchemas.errors(conversion, badPeriod)).singleElement().asString().contains("period");
        assertThat(ContractSchemas.errors(conversion, negative)).singleElement().asString().contains("entered");
        assertThat(ContractSchemas.errors(winRate, unknownType)).singleElement().asString().contains("periodType");
    }

    @Test
    void theStalledDealAlertSamplesMatchTheirSchemaAndTheCheckCanFail() {
        Schema schema = ContractSchemas.load("alerts/StalledDealAlert.v1.schema.json");
        JsonNode raised = json.valueToTree(EventSamples.stalledDealRaised());
        JsonNode cleared = json.valueToTree(EventSamples.stalledDealCleared());
        ObjectNode raisedWithClearing = (ObjectNode) raised.deepCopy();
        raisedWithClearing.put("clearedAt", "2026-12-01T08:00:00Z");
        ObjectNode clearedWithoutClearing = (ObjectNode) cleared.deepCopy();
        clearedWithoutClearing.putNull("clearedAt");
        ObjectNode unknownReason = (ObjectNode) raised.deepCopy();
        unknownReason.put("reason", "NO_NEXT_ACTION");
        ObjectNode limitInSeconds = (ObjectNode) raised.deepCopy();
        limitInSeconds.put("limit", 1209600);
        ObjectNode missingOwner = (ObjectNode) raised.deepCopy();
        missingOwner.remove("ownerId");

        assertThat(raised.get("limit").asString()).isEqualTo("PT336H");
        assertThat(ContractSchemas.errors(schema, raised)).isEmpty();
        assertThat(ContractSchemas.errors(schema, cleared)).isEmpty();
        assertThat(ContractSchemas.errors(schema, raisedWithClearing)).isNotEmpty()
                .allMatch(error -> error.contains("clearedAt"));
        assertThat(ContractSchemas.errors(schema, clearedWithoutClearing)).isNotEmpty()
                .allMatch(error -> error.contains("clearedAt"));
        assertThat(ContractSchemas.errors(schema, unknownReason)).singleElement().asString().contains("reason");
        assertThat(ContractSchemas.errors(schema, limitInSeconds)).isNotEmpty()
                .allMatch(error -> error.contains("limit"));
        assertThat(ContractSchemas.errors(schema, missingOwner)).singleElement().asString().contains("ownerId");
    }

    @Test
    void theVelocitySamplesMatchTheirSchemasAndTheCheckCanFail() {
        Schema timeInStage = ContractSchemas.load("metrics/TimeInStage.v1.schema.json");
        Schema stageAge = ContractSchemas.load("metrics/StageAge.v1.schema.json");
        Schema salesCycle = ContractSchemas.load("metrics/SalesCycle.v1.schema.json");
        Schema salesVelocity = ContractSchemas.load("metrics/SalesVelocity.v1.schema.json");
        ObjectNode negativeTime = (ObjectNode) json.valueToTree(EventSamples.timeInStage());
        ((ObjectNode) negativeTime.get("stages").get(0)).put("medianSeconds", -1);
        ObjectNode ageWithPeriod = (ObjectNode) json.valueToTree(EventSamples.stageAge());
        ageWithPeriod.put("period", "2026-11");
        ObjectNode numericAmount = (ObjectNode) json.valueToTree(EventSamples.salesVelocity());
        numericAmount.put("velocityPerDay", 150.0);
        ObjectNode lowerCaseCurrency = (ObjectNode) json.valueToTree(EventSamples.salesVelocity());
        lowerCaseCurrency.put("currency", "eur");

        assertThat(ContractSchemas.errors(timeInStage, json.valueToTree(EventSamples.timeInStage()))).isEmpty();
        assertThat(ContractSchemas.errors(stageAge, json.valueToTree(EventSamples.stageAge()))).isEmpty();
        assertThat(ContractSchemas.errors(salesCycle, json.valueToTree(EventSamples.salesCycle()))).isEmpty();
        assertThat(ContractSchemas.errors(salesVelocity, json.valueToTree(EventSamples.salesVelocity()))).isEmpty();
        assertThat(json.valueToTree(EventSamples.salesVelocity()).get("velocityPerDay").asString()).isEqualTo("150.00");
        assertThat(ContractSchemas.errors(timeInStage, negativeTime)).singleElement().asString()
                .contains("medianSeconds");
        assertThat(ContractSchemas.errors(stageAge, ageWithPeriod)).singleElement().asString().contains("period");
        assertThat(ContractSchemas.errors(salesVelocity, numericAmount)).singleElement().asString()
                .contains("velocityPerDay");
        assertThat(ContractSchemas.errors(salesVelocity, lowerCaseCurrency)).singleElement().asString()
                .contains("currency");
    }

    @Test
    void theForecastSamplesMatchTheirSchemasAndTheCheckCanFail() {
        Schema weighted = ContractSchemas.load("metrics/WeightedPipeline.v1.schema.json");
        Schema plan = ContractSchemas.load("metrics/PaymentPlan.v1.schema.json");
        Schema coverage = ContractSchemas.load("metrics/PipelineCoverage.v1.schema.json");
        ObjectNode undated = (ObjectNode) json.valueToTree(EventSamples.weightedPipeline());
        undated.put("period", "none");
        ObjectNode numericWeight = (ObjectNode) json.valueToTree(EventSamples.weightedPipeline());
        numericWeight.put("weightedAmount", 1700.0);
        ObjectNode planWithPeriod = (ObjectNode) json.valueToTree(EventSamples.paymentPlan());
        planWithPeriod.put("period", "2026-11");
        ObjectNode weeklyTarget = (ObjectNode) json.valueToTree(EventSamples.pipelineCoverage());
        weeklyTarget.put("periodType", "WEEK");
        ObjectNode metTarget = (ObjectNode) json.valueToTree(EventSamples.pipelineCoverage());
        metTarget.put("remaining", "-1000.00");
        metTarget.putNull("actualCoverage");

        assertThat(ContractSchemas.errors(weighted, json.valueToTree(EventSamples.weightedPipeline()))).isEmpty();
        assertThat(ContractSchemas.errors(weighted, undated)).isEmpty();
        assertThat(ContractSchemas.errors(plan, json.valueToTree(EventSamples.paymentPlan()))).isEmpty();
        assertThat(json.valueToTree(EventSamples.paymentPlan()).get("today").asString()).isEqualTo("2026-11-18");
        assertThat(ContractSchemas.errors(coverage, json.valueToTree(EventSamples.pipelineCoverage()))).isEmpty();
        assertThat(ContractSchemas.errors(coverage, metTarget)).isEmpty();
        assertThat(ContractSchemas.errors(weighted, numericWeight)).singleElement().asString()
                .contains("weightedAmount");
        assertThat(ContractSchemas.errors(plan, planWithPeriod)).singleElement().asString().contains("period");
        assertThat(ContractSchemas.errors(coverage, weeklyTarget)).singleElement().asString().contains("periodType");
    }

    @Test
    void theManagerActivitySampleMatchesItsSchemaAndTheCheckCanFail() {
        Schema schema = ContractSchemas.load("metrics/ManagerActivity.v2.schema.json");
        ObjectNode allOwners = (ObjectNode) json.valueToTree(EventSamples.managerActivity());
        allOwners.putNull("ownerId");
        ObjectNode negativeCalls = (ObjectNode) json.valueToTree(EventSamples.managerActivity());
        negativeCalls.put("callsMade", -1);
        ObjectNode withChannel = (ObjectNode) json.valueToTree(EventSamples.managerActivity());
        withChannel.put("sourceChannel", "referral");
        ObjectNode noRatio = (ObjectNode) json.valueToTree(EventSamples.managerActivity());
        noRatio.putNull("inboundOutboundRatio");
        noRatio.putNull("callsPerChangedCard");
        noRatio.putNull("emailOpenRate");
        ObjectNode negativeRate = (ObjectNode) json.valueToTree(EventSamples.managerActivity());
        negativeRate.put("emailOpenRate", -0.5);

        assertThat(ContractSchemas.errors(schema, json.valueToTree(EventSamples.managerActivity()))).isEmpty();
        assertThat(ContractSchemas.errors(schema, noRatio)).isEmpty();
        assertThat(ContractSchemas.errors(schema, negativeRate)).singleElement().asString().contains("emailOpenRate");
        assertThat(ContractSchemas.errors(schema, allOwners)).singleElement().asString().contains("ownerId");
        assertThat(ContractSchemas.errors(schema, negativeCalls)).singleElement().asString().contains("callsMade");
        assertThat(ContractSchemas.errors(schema, withChannel)).singleElement().asString().contains("sourceChannel");
    }

    @Test
    void theOwnerBookAndDealSizeSamplesMatchTheirSchemasAndTheCheckCanFail() {
        Schema ownerBook = ContractSchemas.load("metrics/OwnerBook.v1.schema.json");
        Schema dealSize = ContractSchemas.load("metrics/DealSize.v1.schema.json");
        ObjectNode weekBook = (ObjectNode) json.valueToTree(EventSamples.ownerBook());
        weekBook.put("periodType", "WEEK");
        ObjectNode negativeOverdue = (ObjectNode) json.valueToTree(EventSamples.ownerBook());
        negativeOverdue.put("overdueTasks", -1);
        ObjectNode numericAverage = (ObjectNode) json.valueToTree(EventSamples.dealSize());
        numericAverage.put("averageWonAmount", 2166.67);
        ObjectNode noCurrency = (ObjectNode) json.valueToTree(EventSamples.dealSize());
        noCurrency.remove("currency");

        assertThat(ContractSchemas.errors(ownerBook, json.valueToTree(EventSamples.ownerBook()))).isEmpty();
        assertThat(ContractSchemas.errors(dealSize, json.valueToTree(EventSamples.dealSize()))).isEmpty();
        assertThat(json.valueToTree(EventSamples.dealSize()).get("averageWonAmount").asString()).isEqualTo("2166.67");
        assertThat(ContractSchemas.errors(ownerBook, weekBook)).singleElement().asString().contains("periodType");
        assertThat(ContractSchemas.errors(ownerBook, negativeOverdue)).singleElement().asString()
                .contains("overdueTasks");
        assertThat(ContractSchemas.errors(dealSize, numericAverage)).singleElement().asString()
                .contains("averageWonAmount");
        assertThat(ContractSchemas.errors(dealSize, noCurrency)).singleElement().asString().contains("currency");
    }

    @Test
    void theCallQualitySampleMatchesItsSchemaAndTheCheckCanFail() {
        Schema schema = ContractSchemas.load("metrics/CallQuality.v1.schema.json");
        JsonNode sample = json.valueToTree(EventSamples.callQuality());
        ObjectNode badList = (ObjectNode) json.valueToTree(EventSamples.callQuality());
        ((ObjectNode) badList.get("matchesByList")).put("Not A List", 1);
        ObjectNode zero = (ObjectNode) json.valueToTree(EventSamples.callQuality());
        ((ObjectNode) zero.get("matchesByList")).put("profanity", 0);

        assertThat(ContractSchemas.errors(schema, sample)).isEmpty();
        assertThat(sample.get("matchesByList").get("stop-words").asLong()).isEqualTo(2);
        assertThat(ContractSchemas.errors(schema, badList)).isNotEmpty();
        assertThat(ContractSchemas.errors(schema, zero)).singleElement().asString().contains("profanity");
    }

    @Test
    void theAcquisitionCostSampleMatchesItsSchemaAndTheCheckCanFail() {
        Schema schema = ContractSchemas.load("metrics/AcquisitionCost.v1.schema.json");
        JsonNode sample = json.valueToTree(EventSamples.acquisitionCost());
        ObjectNode weekly = (ObjectNode) json.valueToTree(EventSamples.acquisitionCost());
        weekly.put("periodType", "WEEK");
        ObjectNode numericSpend = (ObjectNode) json.valueToTree(EventSamples.acquisitionCost());
        numericSpend.put("spend", 1200.00);

        assertThat(ContractSchemas.errors(schema, sample)).isEmpty();
        assertThat(sample.get("costPerLead").asString()).isEqualTo("400.00");
        assertThat(sample.get("costPerWonDeal").isNull()).isTrue();
        assertThat(ContractSchemas.errors(schema, weekly)).singleElement().asString().contains("periodType");
        assertThat(ContractSchemas.errors(schema, numericSpend)).singleElement().asString().contains("spend");
    }

    @Test
    void aSpendChannelIsBoundedAndNeverTheMarkOfDealsWithoutOne() {
        Schema schema = ContractSchemas.load("events/MarketingSpendSet.v1.schema.json");
        ObjectNode noChannel = samplePayload("MarketingSpendSet");
        noChannel.put("channel", "-");
        ObjectNode slash = samplePayload("MarketingSpendSet");
        slash.put("channel", "ads/online");
        ObjectNode tooLong = samplePayload("MarketingSpendSet");
        tooLong.put("channel", "c".repeat(101));

        assertThat(ContractSchemas.errors(schema, samplePayload("MarketingSpendSet"))).isEmpty();
        assertThat(ContractSchemas.errors(schema, noChannel)).isNotEmpty();
        assertThat(ContractSchemas.errors(schema, slash)).isNotEmpty();
        assertThat(ContractSchemas.errors(schema, tooLong)).isNotEmpty();
        assertThatThrownBy(() -> MarketingSpendIds.of("sales", "-", TargetPeriod.parse("2026-11")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MarketingSpendIds.of("sales", "ads/online", TargetPeriod.parse("2026-11")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(MarketingSpendIds.of("sales", "cold call", TargetPeriod.parse("2026-Q4")))
                .isEqualTo("spend/sales/cold call/2026-Q4");
    }

    private JsonNode envelopeOf(DomainEvent event) {
        EventEnvelope<DomainEvent> envelope = new EventEnvelope<>("e-" + event.getClass().getSimpleName(),
                EventTypes.nameOf(event.getClass()), EventTypes.versionOf(event.getClass()), event.aggregateId(), 3, 77,
                event.occurredAt(), Instant.parse("2026-11-16T09:30:16Z"), "anna", "web", "c-1", event);
        return json.readTree(json.writeValueAsString(envelope));
    }

    private ObjectNode samplePayload(String type) {
        DomainEvent sample = EventSamples.all().stream().filter(e -> e.getClass().getSimpleName().equals(type))
                .findFirst().orElseThrow();
        ObjectNode payload = json.valueToTree(sample);
        assertThat(payloadErrors(type, payload)).as("the unchanged sample of %s", type).isEmpty();
        return payload;
    }

    private ObjectNode sampleReport(ActivityKind kind) {
        ActivityReport sample = EventSamples.activityReports().stream().filter(r -> r.kind() == kind).findFirst()
                .orElseThrow();
        return json.valueToTree(sample);
    }

    private List<String> payloadErrors(String type, JsonNode payload) {
        return ContractSchemas.errors(ContractSchemas.event(type, EventTypes.byName(type).orElseThrow().version()),
                payload);
    }

    private static Schema currentSchemaOf(Class<?> type) {
        return ContractSchemas.event(type.getSimpleName(), EventTypes.versionOf(type));
    }

    private JsonNode schemaDocument(String path) {
        try {
            return json.readTree(Files.readString(ContractSchemas.directory().resolve(path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a record's canonical constructor does when one reference-typed component of a sample is null:
     * builds the record ({@code accepted}), refuses with a {@link NullPointerException} ({@code refused}), or
     * refuses for another reason, such as a rule across fields (neither).
     */
    private record NullProbe(String field, Object accepted, boolean refused) {

        static List<NullProbe> all(Object sample) {
            RecordComponent[] components = sample.getClass().getRecordComponents();
            List<NullProbe> probes = new ArrayList<>();
            for (int i = 0; i < components.length; i++) {
                if (!components[i].getType().isPrimitive()) {
                    probes.add(probe(sample, components, i));
                }
            }
            return probes;
        }

        private static NullProbe probe(Object sample, RecordComponent[] components, int nulled) {
            try {
                Object[] values = new Object[components.length];
                Class<?>[] types = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    values[i] = i == nulled ? null : components[i].getAccessor().invoke(sample);
                    types[i] = components[i].getType();
                }
                Constructor<?> constructor = sample.getClass().getDeclaredConstructor(types);
                try {
                    return new NullProbe(components[nulled].getName(), constructor.newInstance(values), false);
                } catch (InvocationTargetException e) {
                    return new NullProbe(components[nulled].getName(), null,
                            e.getCause() instanceof NullPointerException);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
