package dev.salespipeline.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import tools.jackson.databind.JsonNode;

/**
 * The audit history, served from the event store: who changed what, from where, when, with old and
 * new values; and everything one person did in a period.
 */
class AuditHistoryIntegrationTest extends CommandServiceTestBase {

    private ResponseEntity<JsonNode> get(String path, String token) {
        return client().get().uri(path).header("Authorization", "Bearer " + token).retrieve()
                .toEntity(JsonNode.class);
    }

    @Test
    void aDealsHistoryShowsEveryChangeWithActorSourceAndOldAndNewValues() {
        String dealId = annasDeal();
        assertThat(put("/deals/" + dealId + "/details", Map.of("title", "Forty-two seats",
                "client", Map.of("company", "Acme", "decisionMaker", "Kim")), bearer(ANNA)).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(put("/deals/" + dealId + "/amount", Map.of("amount", "2000.00", "currency", "EUR"), bearer(MAX))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(put("/deals/" + dealId + "/stage", Map.of("stageId", "qualified"), bearer(ANNA)).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        JsonNode history = get("/deals/" + dealId + "/history", ANNA).getBody();

        JsonNode items = history.get("items");
        assertThat(items).hasSize(4);
        assertThat(history.get("next").isNull()).isTrue();
        List<String> types = new ArrayList<>();
        items.forEach(item -> types.add(item.get("type").asString()));
        assertThat(types).containsExactly("DealOpened", "DealDetailsEdited", "DealAmountChanged", "DealMovedToStage");
        assertThat(items.get(0).get("actor").asString()).isEqualTo("anna");
        assertThat(items.get(0).get("source").asString()).isEqualTo("api");
        assertThat(items.get(0).get("occurredAt").asString()).isEqualTo("2026-11-16T09:00:00Z");

        JsonNode details = items.get(1).get("changes");
        List<String> fields = new ArrayList<>();
        details.forEach(change -> fields.add(change.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("title", "client.company", "client.decisionMaker");

        JsonNode amount = items.get(2);
        assertThat(amount.get("actor").asString()).isEqualTo("max");
        assertThat(amount.get("changes").get(0).get("from").get("amount").asString()).isEqualTo("1500.00");
        assertThat(amount.get("changes").get(0).get("to").get("amount").asString()).isEqualTo("2000.00");

        JsonNode firstPage = get("/deals/" + dealId + "/history?limit=3", VERA).getBody();
        assertThat(firstPage.get("items")).hasSize(3);
        assertThat(firstPage.get("next").asLong()).isEqualTo(3);
        assertThat(get("/deals/" + dealId + "/history?from=3", ADA).getBody().get("items")).hasSize(1);

        assertThat(get("/deals/" + dealId + "/history", BEN).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("/deals/" + dealId + "/history", NINA).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("/deals/no-such-deal/history", ADA).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void everythingOnePersonChangedInAPeriod() {
        String dealId = annasDeal();
        assertThat(put("/deals/" + dealId + "/probability", Map.of("probability", 40), bearer(MAX)).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        Instant now = Instant.now();
        String period = "&from=" + now.minus(1, ChronoUnit.HOURS) + "&to=" + now.plus(1, ChronoUnit.HOURS);

        JsonNode maxsChanges = get("/history?actor=max" + period, MAX).getBody().get("items");
        List<String> deals = new ArrayList<>();
        maxsChanges.forEach(item -> deals.add(item.get("aggregateId").asString()));
        assertThat(deals).contains(dealId);
        assertThat(get("/history?actor=max" + period, ADA).getBody().get("items")).hasSizeGreaterThanOrEqualTo(1);

        assertThat(get("/history?actor=max" + period, ANNA).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("/history?actor=max" + period, NINA).getBody().get("items"))
                .as("a manager sees the changes made within their own team only").isEmpty();
        assertThat(get("/history?actor=max&from=" + now + "&to=" + now.minusSeconds(1), ADA).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }
}
