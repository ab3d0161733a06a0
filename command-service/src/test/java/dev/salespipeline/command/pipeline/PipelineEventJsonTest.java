package dev.salespipeline.command.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.salespipeline.api.envelope.EventTypes;
import dev.salespipeline.api.pipeline.DealField;
import dev.salespipeline.api.pipeline.IdleLimitChanged;
import dev.salespipeline.api.pipeline.LostReasonsChanged;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.PipelineEvent;
import dev.salespipeline.api.pipeline.PipelineTemplates;
import dev.salespipeline.api.pipeline.StageAdded;
import dev.salespipeline.api.pipeline.StageDefinition;
import dev.salespipeline.api.pipeline.StageRemoved;
import dev.salespipeline.api.pipeline.StageRenamed;
import dev.salespipeline.api.pipeline.StageSettingsChanged;
import dev.salespipeline.api.pipeline.StagesReordered;
import dev.salespipeline.api.pipeline.PipelineDefinition;
import dev.salespipeline.api.pipeline.PipelineDefinitions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pipeline events travel as JSON twice: Axon stores them with Jackson 2, the publisher and every
 * consumer read them with Jackson 3. Both must give back the same record, with durations as ISO-8601
 * text.
 */
class PipelineEventJsonTest {

    private static final Instant MONDAY = Instant.parse("2026-11-16T09:00:00Z");

    /** Jackson 3, as the publisher and the consumers on Kafka use it. */
    private static final JsonMapper JACKSON_3 = JsonMapper.builder().build();

    /** Axon's event serializer, with the Jackson 2 mapper set up as in {@code AxonConfiguration}. */
    private static final JacksonSerializer AXON = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS))
            .build();

    private static final StageDefinition DEMO = new StageDefinition("demo", "Demo", 30, Duration.ofDays(7),
            Set.of(DealField.AMOUNT, DealField.PRODUCT));

    private static final List<PipelineEvent> EVENTS = List.of(
            new PipelineDefined("sales", "Sales", PipelineTemplates.DEFAULT_STAGES, Duration.ofDays(14),
                    PipelineTemplates.DEFAULT_LOST_REASONS, MONDAY),
            new StageAdded("sales", DEMO, 2, MONDAY),
            new StageAdded("sales", new StageDefinition("won-back", "Won back", 5, null, null), 0, MONDAY),
            new StageRenamed("sales", "lead", "Lead", "Inbound lead", MONDAY),
            new StagesReordered("sales", List.of("qualified", "lead"), MONDAY),
            new StageRemoved("sales", "negotiation", MONDAY),
            new StageSettingsChanged("sales", "lead", 15, Duration.ofHours(36), Set.of(DealField.EMAIL), MONDAY),
            new StageSettingsChanged("sales", "lead", 15, null, Set.of(), MONDAY),
            new LostReasonsChanged("sales", List.of("Price", "Timing"), MONDAY),
            new IdleLimitChanged("sales", Duration.ofDays(10), MONDAY));

    @Test
    void everyPipelineEventRoundTripsThroughJackson3() {
        for (PipelineEvent event : EVENTS) {
            String json = JACKSON_3.writeValueAsString(event);

            assertThat(JACKSON_3.readValue(json, event.getClass())).as(json).isEqualTo(event);
        }
    }

    @Test
    void everyPipelineEventRoundTripsThroughAxonsSerializer() {
        for (PipelineEvent event : EVENTS) {
            SerializedObject<String> stored = AXON.serialize(event, String.class);
            Object read = AXON.deserialize(stored);

            assertThat(read).as(stored.getData()).isEqualTo(event);
        }
    }

    @Test
    void whatOneJacksonWritesTheOtherReads() {
        for (PipelineEvent event : EVENTS) {
            String byAxon = AXON.serialize(event, String.class).getData();

            assertThat(JACKSON_3.readValue(byAxon, event.getClass())).as(byAxon).isEqualTo(event);
        }
    }

    @Test
    void durationsAreIsoTextInBoth() {
        PipelineEvent defined = EVENTS.get(0);

        JsonNode byKafka = JACKSON_3.readTree(JACKSON_3.writeValueAsString(defined));
        JsonNode byAxon = JACKSON_3.readTree(AXON.serialize(defined, String.class).getData());

        for (JsonNode document : List.of(byKafka, byAxon)) {
            assertThat(document.get("idleLimit").asString()).isEqualTo("PT336H");
            assertThat(document.get("stages").get(0).get("timeLimit").asString()).isEqualTo("PT336H");
            assertThat(document.get("stages").get(0).get("exitRequirements").isArray()).isTrue();
        }
        assertThat(JACKSON_3.readValue("{\"pipelineId\":\"sales\",\"idleLimit\":\"P14D\","
                + "\"occurredAt\":\"2026-11-16T09:00:00Z\"}", IdleLimitChanged.class).idleLimit())
                .isEqualTo(Duration.ofDays(14));
    }

    @Test
    void everyPipelineEventIsRegisteredUnderItsName() {
        for (PipelineEvent event : EVENTS) {
            assertThat(EventTypes.nameOf(event.getClass())).isEqualTo(event.getClass().getSimpleName());
            assertThat(EventTypes.versionOf(event.getClass())).isEqualTo(1);
            assertThat(event.aggregateId()).isEqualTo("sales");
        }
    }

    @Test
    void theCatalogsDefinitionRoundTripsThroughJackson3() {
        PipelineDefinition definition = PipelineDefinitions.defined((PipelineDefined) EVENTS.get(0));

        String json = JACKSON_3.writeValueAsString(definition);

        assertThat(JACKSON_3.readValue(json, PipelineDefinition.class)).isEqualTo(definition);
        assertThat(JACKSON_3.readTree(json).propertyNames())
                .containsExactly("pipelineId", "name", "stages", "idleLimit", "lostReasons", "removedStages");
    }

    @Test
    void aCatalogRowWrittenBeforeRemovedStagesWereKeptStillReads() {
        PipelineDefinition read = JACKSON_3.readValue("""
                {"pipelineId":"sales","name":"Sales","stages":[],"idleLimit":"PT336H","lostReasons":["Price"]}""",
                PipelineDefinition.class);

        assertThat(read.removedStages()).isEmpty();
        assertThat(read.lostReasons()).containsExactly("Price");
    }
}
