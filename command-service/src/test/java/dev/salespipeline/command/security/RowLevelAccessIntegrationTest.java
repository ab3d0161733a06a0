package dev.salespipeline.command.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import dev.salespipeline.command.CommandServiceTestBase;
import tools.jackson.databind.JsonNode;

/**
 * Reads and commands decide by a deal's current owner and team, and a caller who may not see a deal is
 * answered as if it did not exist: 404, before its version (412) or the right to change it (403) is checked.
 * Ids of deals and pipelines live in namespaces of their own.
 */
class RowLevelAccessIntegrationTest extends CommandServiceTestBase {

    private ResponseEntity<JsonNode> get(String path, String token) {
        return client().get().uri(path).header("Authorization", "Bearer " + token).retrieve()
                .toEntity(JsonNode.class);
    }

    private static Map<String, String> as(String token, String ifMatch) {
        return Map.of("Authorization", "Bearer " + token, "If-Match", ifMatch);
    }

    @Test
    void aHandOverMovesTheRightToReadTheHistoryWithTheDeal() {
        String dealId = annasDeal();
        assertThat(get("/deals/" + dealId + "/history", ANNA).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get("/deals/" + dealId + "/history", SAM).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        assertThat(put("/deals/" + dealId + "/owner", Map.of("ownerId", "sam", "teamId", "south"), bearer(ADA))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(put("/deals/" + dealId + "/amount", Map.of("amount", "99000.00", "currency", "EUR"), bearer(SAM))
                .getStatusCode()).isEqualTo(HttpStatus.OK);

        for (String formerly : List.of(ANNA, MAX)) {
            ResponseEntity<JsonNode> refused = get("/deals/" + dealId + "/history", formerly);
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(refused.getBody().toString()).doesNotContain("99000.00");
        }
        for (String now : List.of(SAM, NINA, VERA, ADA)) {
            ResponseEntity<JsonNode> history = get("/deals/" + dealId + "/history", now);
            assertThat(history.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(history.getBody().get("items")).hasSize(3);
        }

        Instant time = Instant.now();
        String period = "&from=" + time.minus(1, ChronoUnit.HOURS) + "&to=" + time.plus(1, ChronoUnit.HOURS);
        assertThat(aggregates(get("/history?actor=anna" + period + "&size=1000", ANNA)))
                .as("her own earlier changes of a deal she no longer may see").doesNotContain(dealId);
        assertThat(aggregates(get("/history?actor=sam" + period + "&size=1000", NINA))).contains(dealId);
    }

    @Test
    void aCallerWhoMayNotSeeADealGetsNotFoundBeforeAnyVersionOrAccessCheck() {
        String dealId = annasDeal();
        Map<String, Object> amount = Map.of("amount", "1.00", "currency", "EUR");

        for (String stranger : List.of(SAM, NINA, BEN)) {
            for (ResponseEntity<JsonNode> answer : List.of(
                    put("/deals/" + dealId + "/amount", amount, as(stranger, "\"7\"")),
                    put("/deals/" + dealId + "/amount", amount, bearer(stranger)),
                    put("/deals/" + dealId + "/stage", Map.of("stageId", "qualified"), as(stranger, "\"0\"")),
                    put("/deals/" + dealId + "/owner", Map.of("ownerId", "sam"), as(stranger, "\"3\"")),
                    delete("/deals/" + dealId + "/probability", as(stranger, "\"3\"")),
                    post("/deals/" + dealId + "/tasks", Map.of("title", "Call back",
                            "dueAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()), bearer(stranger)))) {
                assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
                assertThat(answer.getBody().toString()).doesNotContain("currentVersion").doesNotContain("anna")
                        .doesNotContain("north");
                assertThat(answer.getBody().path("detail").asString()).isEqualTo("No " + dealId + " here.");
            }
        }
        assertThat(get("/deals/deal-" + UUID.randomUUID() + "/history", SAM).getStatusCode())
                .as("the same as a deal that is not there").isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(storedEvents(dealId)).isEqualTo(1);

        ResponseEntity<JsonNode> stale = put("/deals/" + dealId + "/amount", amount, as(MAX, "\"7\""));
        assertThat(stale.getStatusCode()).as("who may change the deal learns its version")
                .isEqualTo(HttpStatus.PRECONDITION_FAILED);
        assertThat(stale.getBody().path("currentVersion").asLong()).isZero();
        ResponseEntity<JsonNode> viewer = put("/deals/" + dealId + "/amount", amount, bearer(VERA));
        assertThat(viewer.getStatusCode()).as("a viewer sees every deal and changes none")
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void aTargetTheCallerMayNotSeeIsNotFound() {
        String path = "/pipelines/" + PIPELINE + "/targets/team/south/2027-Q" + (1 + (int) (Math.random() * 4));
        Map<String, Object> amount = Map.of("amount", "50000.00", "currency", "EUR");
        if (put(path, amount, bearer(NINA)).getStatusCode() != HttpStatus.OK) {
            throw new AssertionError("nina sets her team's target");
        }

        for (ResponseEntity<JsonNode> answer : List.of(put(path, amount, as(MAX, "\"9\"")),
                put(path, amount, bearer(MAX)), delete(path, as(MAX, "\"9\"")))) {
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(answer.getBody().toString()).doesNotContain("currentVersion");
        }
        assertThat(put(path, amount, as(NINA, "\"9\"")).getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
    }

    @Test
    void dealsAndPipelinesKeepToTheirOwnIds() {
        String squatted = "squat-" + UUID.randomUUID();
        ResponseEntity<JsonNode> notADealId = post("/deals", withId(squatted), bearer(ANNA));
        assertThat(notADealId.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(notADealId.getBody().toString()).contains("dealId");
        assertThat(post("/deals", withId("act-" + UUID.randomUUID()), bearer(ANNA)).getStatusCode())
                .as("an activity's id").isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(post("/pipelines/template", Map.of("pipelineId", squatted), bearer(ADA)).getStatusCode())
                .as("the id stays free for the admin").isEqualTo(HttpStatus.CREATED);

        for (String taken : List.of("deal-" + UUID.randomUUID(), "act-" + UUID.randomUUID())) {
            assertThat(post("/pipelines/template", Map.of("pipelineId", taken), bearer(ADA)).getStatusCode())
                    .isEqualTo(HttpStatus.BAD_REQUEST);
        }

        ResponseEntity<JsonNode> assigned = post("/deals", withoutId(), bearer(ANNA));
        assertThat(assigned.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(assigned.getBody().path("dealId").asString()).startsWith("deal-");

        ResponseEntity<JsonNode> onAPipeline = put("/deals/" + squatted + "/amount",
                Map.of("amount", "1.00", "currency", "EUR"), bearer(ADA));
        assertThat(onAPipeline.getStatusCode()).as("a pipeline is no deal, for admins too")
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("/deals/" + squatted + "/history", ADA).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(storedEvents(squatted)).isEqualTo(1);
    }

    private static Map<String, Object> withId(String dealId) {
        Map<String, Object> body = new java.util.HashMap<>(openDeal("deal-x"));
        body.put("dealId", dealId);
        return body;
    }

    private static Map<String, Object> withoutId() {
        Map<String, Object> body = new java.util.HashMap<>(openDeal("deal-x"));
        body.remove("dealId");
        return body;
    }

    private static List<String> aggregates(ResponseEntity<JsonNode> history) {
        assertThat(history.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<String> ids = new java.util.ArrayList<>();
        history.getBody().get("items").forEach(item -> ids.add(item.get("aggregateId").asString()));
        return ids;
    }
}
