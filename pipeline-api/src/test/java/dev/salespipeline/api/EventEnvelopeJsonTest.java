package dev.salespipeline.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.envelope.EventTypes;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventEnvelopeJsonTest {

    private final JsonMapper json = JsonMapper.builder().build();

    private final DealOpened opened = new DealOpened("deal-1", "sales", "lead", "Forty seats", "rep-anna", "north",
            Money.of("1500.00", "EUR"), Instant.parse("2026-11-20T09:15:00Z"));

    private final EventEnvelope<DealOpened> envelope = new EventEnvelope<>("e-1", "DealOpened", 2, "deal-1", 0, 42,
            opened.occurredAt(), Instant.parse("2026-11-20T09:15:01.250Z"), "rep-anna", "web", "c-1", opened);

    @Test
    void writesTheDocumentedFieldNames() {
        JsonNode tree = json.readTree(json.writeValueAsString(envelope));

        assertThat(tree.propertyNames()).containsExactly("eventId", "type", "version", "aggregateId",
                "aggregateSequence", "globalSequence", "occurredAt", "recordedAt", "actor", "source",
                "correlationId", "payload");
        assertThat(tree.get("occurredAt").asString()).isEqualTo("2026-11-20T09:15:00Z");
        assertThat(tree.get("payload").get("amount").get("currency").asString()).isEqualTo("EUR");
        assertThat(tree.get("payload").get("amount").get("amount").isString()).isTrue();
        assertThat(tree.get("payload").get("amount").get("amount").asString()).isEqualTo("1500.00");
    }

    @Test
    void readsBackGenericallyAndThenAsTheRegisteredType() {
        String document = json.writeValueAsString(envelope);

        EventEnvelope<JsonNode> generic = json.readValue(document, new TypeReference<EventEnvelope<JsonNode>>() { });
        Class<?> payloadType = EventTypes.byName(generic.type()).orElseThrow().payloadType();

        assertThat(json.treeToValue(generic.payload(), payloadType)).isEqualTo(opened);
        assertThat(generic.globalSequence()).isEqualTo(42);
    }

    @Test
    void everyRegisteredTypeIsNamedAfterItsRecord() {
        EventTypes.all().forEach((name, registered) ->
                assertThat(registered.payloadType().getSimpleName()).isEqualTo(name));
        assertThat(EventTypes.nameOf(DealOpened.class)).isEqualTo("DealOpened");
        assertThatThrownBy(() -> EventTypes.nameOf(String.class)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void moneyRefusesNegativeAmountsAndUnknownCurrencyCodes() {
        assertThatThrownBy(() -> Money.of("-1", "EUR")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of("1", "euro")).isInstanceOf(IllegalArgumentException.class);
    }
}
