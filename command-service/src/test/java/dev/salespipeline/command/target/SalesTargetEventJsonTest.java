package dev.salespipeline.command.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.envelope.EventTypes;
import dev.salespipeline.api.target.SalesTargetChanged;
import dev.salespipeline.api.target.SalesTargetEvent;
import dev.salespipeline.api.target.SalesTargetSet;
import dev.salespipeline.api.target.SalesTargetWithdrawn;
import dev.salespipeline.api.target.SubjectType;
import dev.salespipeline.api.target.TargetPeriod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Target events travel as JSON twice: Axon stores them with Jackson 2, the publisher and every consumer
 * read them with Jackson 3. Both must give back the same record, with the period as its text and
 * amounts as decimal strings.
 */
class SalesTargetEventJsonTest {

    private static final Instant MONDAY = Instant.parse("2026-11-16T09:00:00Z");
    private static final String ID = "target/sales/owner:anna/2026-Q4";

    /** Jackson 3, as the publisher and the consumers on Kafka use it. */
    private static final JsonMapper JACKSON_3 = JsonMapper.builder().build();

    /** Axon's event serializer, with the Jackson 2 mapper set up as in {@code AxonConfiguration}. */
    private static final JacksonSerializer AXON = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS))
            .build();

    private static final List<SalesTargetEvent> EVENTS = List.of(
            new SalesTargetSet(ID, "sales", SubjectType.OWNER, "anna", "north", TargetPeriod.quarter(2026, 4),
                    Money.of("120000.00", "EUR"), MONDAY),
            new SalesTargetSet("target/sales/team:north/2026-11", "sales", SubjectType.TEAM, "north", "north",
                    TargetPeriod.month(2026, 11), Money.of("40000", "EUR"), MONDAY),
            new SalesTargetSet(ID, "sales", SubjectType.OWNER, "anna", null, TargetPeriod.quarter(2026, 4),
                    Money.of("1.50", "EUR"), MONDAY),
            new SalesTargetChanged(ID, Money.of("120000.00", "EUR"), Money.of("150000.00", "EUR"), MONDAY),
            new SalesTargetWithdrawn(ID, "Moved to key accounts", MONDAY),
            new SalesTargetWithdrawn(ID, null, MONDAY));

    @Test
    void everyTargetEventRoundTripsThroughJackson3() {
        for (SalesTargetEvent event : EVENTS) {
            String json = JACKSON_3.writeValueAsString(event);

            assertThat(JACKSON_3.readValue(json, event.getClass())).as(json).isEqualTo(event);
        }
    }

    @Test
    void everyTargetEventRoundTripsThroughAxonsSerializer() {
        for (SalesTargetEvent event : EVENTS) {
            SerializedObject<String> stored = AXON.serialize(event, String.class);
            Object read = AXON.deserialize(stored);

            assertThat(read).as(stored.getData()).isEqualTo(event);
        }
    }

    @Test
    void whatOneJacksonWritesTheOtherReads() {
        for (SalesTargetEvent event : EVENTS) {
            String byAxon = AXON.serialize(event, String.class).getData();

            assertThat(JACKSON_3.readValue(byAxon, event.getClass())).as(byAxon).isEqualTo(event);
        }
    }

    @Test
    void thePeriodIsTextAndTheAmountADecimalStringInBoth() {
        SalesTargetEvent set = EVENTS.get(0);

        JsonNode byKafka = JACKSON_3.readTree(JACKSON_3.writeValueAsString(set));
        JsonNode byAxon = JACKSON_3.readTree(AXON.serialize(set, String.class).getData());

        for (JsonNode document : List.of(byKafka, byAxon)) {
            assertThat(document.get("period").asString()).isEqualTo("2026-Q4");
            assertThat(document.get("subjectType").asString()).isEqualTo("OWNER");
            assertThat(document.get("amount").get("amount").isString()).isTrue();
            assertThat(document.get("amount").get("amount").asString()).isEqualTo("120000.00");
            assertThat(document.get("occurredAt").asString()).isEqualTo("2026-11-16T09:00:00Z");
        }
    }

    @Test
    void everyTargetEventIsRegisteredUnderItsNameInVersionOne() {
        for (SalesTargetEvent event : EVENTS) {
            assertThat(EventTypes.nameOf(event.getClass())).isEqualTo(event.getClass().getSimpleName());
            assertThat(EventTypes.versionOf(event.getClass())).isEqualTo(1);
            assertThat(event.aggregateId()).isEqualTo(event.targetId());
        }
    }
}
