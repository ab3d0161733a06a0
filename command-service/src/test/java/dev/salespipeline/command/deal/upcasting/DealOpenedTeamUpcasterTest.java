package dev.salespipeline.command.deal.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.Money;

class DealOpenedTeamUpcasterTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS))
            .build();

    private IntermediateEventRepresentation stored(String payloadJson, String revision) {
        return new InitialEventRepresentation(new StoredDealOpened(payloadJson, revision), serializer);
    }

    /** A stored event as the JDBC storage engine hands it to the upcasters. */
    private record StoredDealOpened(String payloadJson, String revision) implements DomainEventData<byte[]> {

        @Override
        public String getType() {
            return "Deal";
        }

        @Override
        public String getAggregateIdentifier() {
            return "deal-1";
        }

        @Override
        public long getSequenceNumber() {
            return 0;
        }

        @Override
        public String getEventIdentifier() {
            return "e-1";
        }

        @Override
        public Instant getTimestamp() {
            return Instant.parse("2026-01-05T09:00:00Z");
        }

        @Override
        public SerializedObject<byte[]> getMetaData() {
            return new SimpleSerializedObject<>("{}".getBytes(StandardCharsets.UTF_8), byte[].class,
                    MetaData.class.getName(), null);
        }

        @Override
        public SerializedObject<byte[]> getPayload() {
            return new SimpleSerializedObject<>(payloadJson.getBytes(StandardCharsets.UTF_8), byte[].class,
                    DealOpened.class.getName(), revision);
        }
    }

    @Test
    void readsRevisionOneAsRevisionTwoWithNoTeam() {
        String revision1 = "{\"dealId\":\"deal-1\",\"pipelineId\":\"sales\",\"stageId\":\"lead\",\"title\":\"Seats\","
                + "\"ownerId\":\"anna\",\"amount\":{\"amount\":\"10.00\",\"currency\":\"EUR\"},"
                + "\"occurredAt\":\"2026-01-05T09:00:00Z\"}";

        List<IntermediateEventRepresentation> upcast = new DealOpenedTeamUpcaster()
                .upcast(Stream.of(stored(revision1, "1"))).toList();

        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        DealOpened event = serializer.deserialize(upcast.get(0).getData());
        assertThat(event).isEqualTo(new DealOpened("deal-1", "sales", "lead", "Seats", "anna", null,
                Money.of("10.00", "EUR"), Instant.parse("2026-01-05T09:00:00Z")));
    }

    @Test
    void leavesRevisionTwoAlone() {
        IntermediateEventRepresentation current = stored("{\"teamId\":\"north\"}", "2");

        List<IntermediateEventRepresentation> upcast = new DealOpenedTeamUpcaster().upcast(Stream.of(current)).toList();

        assertThat(upcast).containsExactly(current);
    }
}
