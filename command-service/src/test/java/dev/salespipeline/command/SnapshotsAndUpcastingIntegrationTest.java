package dev.salespipeline.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import tools.jackson.databind.JsonNode;

/**
 * How long-lived and old deals are loaded: from snapshots, and through the upcaster for events stored
 * in an earlier schema.
 */
class SnapshotsAndUpcastingIntegrationTest extends CommandServiceTestBase {

    @Test
    void aDealWithALongHistoryIsSnapshottedAndStillLoadsCorrectly() {
        String dealId = annasDeal();
        for (int i = 1; i <= 7; i++) {
            assertThat(put("/deals/" + dealId + "/probability", Map.of("probability", 10 + i), bearer(ANNA))
                    .getStatusCode()).isEqualTo(HttpStatus.OK);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from snapshotevententry where aggregateidentifier = ?", Integer.class, dealId) > 0);

        // Loaded from the snapshot plus the events after it: the version and the state are right.
        assertThat(put("/deals/" + dealId + "/stage", Map.of("stageId", "qualified"), Map.of(
                "Authorization", "Bearer " + ANNA, "If-Match", "\"7\"")).getHeaders().getETag()).isEqualTo("\"8\"");
        assertThat(put("/deals/" + dealId + "/probability", Map.of("probability", 17), bearer(ANNA)).getHeaders()
                .getETag()).as("setting the probability it has changes nothing").isEqualTo("\"8\"");
    }

    @Test
    void aDealOpenedBeforeTeamsExistedIsReadThroughTheUpcaster() {
        String dealId = "deal-" + UUID.randomUUID();
        String revision1 = "{\"dealId\":\"" + dealId + "\",\"pipelineId\":\"" + PIPELINE + "\",\"stageId\":\"lead\","
                + "\"title\":\"From before teams\",\"ownerId\":\"anna\",\"amount\":null,"
                + "\"occurredAt\":\"2026-01-05T09:00:00Z\"}";
        jdbc.update("insert into domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, "
                        + "metadata, payload, payloadrevision, payloadtype, timestamp) "
                        + "values (?, 0, 'Deal', ?, ?, ?, '1', 'dev.salespipeline.api.deal.DealOpened', ?)",
                dealId, UUID.randomUUID().toString(),
                "{\"actor\":\"anna\",\"source\":\"api\"}".getBytes(StandardCharsets.UTF_8),
                revision1.getBytes(StandardCharsets.UTF_8), "2026-01-05T09:00:00.000Z");

        assertThat(put("/deals/" + dealId + "/amount", Map.of("amount", "700.00", "currency", "EUR"), bearer(ANNA))
                .getStatusCode()).as("the owner may change it").isEqualTo(HttpStatus.OK);
        assertThat(put("/deals/" + dealId + "/amount", Map.of("amount", "800.00", "currency", "EUR"), bearer(MAX))
                .getStatusCode()).as("it belongs to no team, so no team's manager may see it").isEqualTo(HttpStatus.NOT_FOUND);

        JsonNode opened = client().get().uri("/deals/" + dealId + "/history").header("Authorization", "Bearer " + ADA)
                .retrieve().body(JsonNode.class).get("items").get(0);
        assertThat(opened.get("type").asString()).isEqualTo("DealOpened");
        assertThat(opened.get("event").has("teamId")).isTrue();
        assertThat(opened.get("event").get("teamId").isNull()).isTrue();
    }
}
