package dev.salespipeline.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import tools.jackson.databind.JsonNode;

/**
 * A deal's life over REST against real PostgreSQL: versions as ETags, stale writes refused, rules
 * reported by name, and concurrent moves that cannot overwrite each other.
 */
class DealLifecycleIntegrationTest extends CommandServiceTestBase {

    private static Map<String, String> asAnna(String ifMatch) {
        Map<String, String> headers = new HashMap<>(bearer(ANNA));
        if (ifMatch != null) {
            headers.put("If-Match", ifMatch);
        }
        return headers;
    }

    private ResponseEntity<JsonNode> move(String dealId, String stageId, String ifMatch) {
        return put("/deals/" + dealId + "/stage", Map.of("stageId", stageId), asAnna(ifMatch));
    }

    private static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void eachChangeAnswersTheNewVersionAndAStaleIfMatchIsRefused() {
        String dealId = annasDeal();

        ResponseEntity<JsonNode> moved = move(dealId, "qualified", "\"0\"");
        assertThat(moved.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(moved.getHeaders().getETag()).isEqualTo("\"1\"");
        assertThat(moved.getBody().get("version").asLong()).isEqualTo(1);

        ResponseEntity<JsonNode> stale = move(dealId, "proposal-sent", "\"0\"");
        assertProblem(stale, HttpStatus.PRECONDITION_FAILED);
        assertThat(stale.getBody().get("currentVersion").asLong()).isEqualTo(1);
        assertThat(storedEvents(dealId)).isEqualTo(2);

        ResponseEntity<JsonNode> unchanged = move(dealId, "qualified", "\"1\"");
        assertThat(unchanged.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(unchanged.getHeaders().getETag()).as("a move to the current stage changes nothing")
                .isEqualTo("\"1\"");
        assertThat(storedEvents(dealId)).isEqualTo(2);
    }

    @Test
    void brokenRulesAreNamedAndStoreNothing() {
        String dealId = annasDeal();

        ResponseEntity<JsonNode> otherPipelinesStage = move(dealId, "no-such-stage", null);
        assertProblem(otherPipelinesStage, HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(otherPipelinesStage.getBody().get("rule").asString()).isEqualTo("StageBelongsToPipeline");

        ResponseEntity<JsonNode> unknownReason = put("/deals/" + dealId + "/outcome",
                Map.of("outcome", "LOST", "reason", "Bad weather"), asAnna(null));
        assertProblem(unknownReason, HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(unknownReason.getBody().get("rule").asString()).isEqualTo("LostReasonConfigured");
        assertThat(storedEvents(dealId)).isEqualTo(1);

        assertThat(put("/deals/" + dealId + "/outcome", Map.of("outcome", "LOST", "reason", "Price"), asAnna(null))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> closed = move(dealId, "qualified", null);
        assertProblem(closed, HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(closed.getBody().get("rule").asString()).isEqualTo("ClosedDealPolicy");

        assertThat(delete("/deals/" + dealId + "/outcome", asAnna(null)).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(move(dealId, "qualified", null).getStatusCode()).as("reopened, it moves again")
                .isEqualTo(HttpStatus.OK);
        assertThat(storedEvents(dealId)).isEqualTo(4);
    }

    @Test
    void aStageHoldsADealUntilItsRequiredFieldsAreFilled() {
        String dealId = "deal-" + UUID.randomUUID();
        Map<String, Object> withoutAmount = new HashMap<>(openDeal(dealId));
        withoutAmount.remove("amount");
        withoutAmount.remove("currency");
        assertThat(post("/deals", withoutAmount, bearer(ANNA)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(move(dealId, "qualified", null).getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<JsonNode> blocked = move(dealId, "proposal-sent", null);
        assertProblem(blocked, HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(blocked.getBody().get("rule").asString()).isEqualTo("StageExitRequirements");
        assertThat(blocked.getBody().get("detail").asString()).contains("AMOUNT");
        // what a client needs to tell the user what to fill in, without reading the sentence
        assertThat(blocked.getBody().get("stageId").asString()).isEqualTo("qualified");
        assertThat(blocked.getBody().get("missingFields").values()).extracting(JsonNode::asString).containsExactly("AMOUNT");

        assertThat(put("/deals/" + dealId + "/amount", Map.of("amount", "900.00", "currency", "EUR"), asAnna(null))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(move(dealId, "proposal-sent", null).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void unknownDealsAndPipelinesAreNotFound() {
        assertProblem(move("no-such-deal", "qualified", null), HttpStatus.NOT_FOUND);

        Map<String, Object> elsewhere = new HashMap<>(openDeal("deal-" + UUID.randomUUID()));
        elsewhere.put("pipelineId", "no-such-pipeline");
        assertProblem(post("/deals", elsewhere, bearer(ANNA)), HttpStatus.NOT_FOUND);
    }

    @Test
    void invalidBodiesAndHeadersAreBadRequests() {
        String dealId = annasDeal();

        ResponseEntity<JsonNode> lossWithoutReason = put("/deals/" + dealId + "/outcome", Map.of("outcome", "LOST"),
                asAnna(null));
        assertProblem(lossWithoutReason, HttpStatus.BAD_REQUEST);
        assertThat(lossWithoutReason.getBody().get("errors").get(0).get("field").asString())
                .isEqualTo("reasonGivenForLossOnly");

        assertProblem(put("/deals/" + dealId + "/probability", Map.of("probability", 140), asAnna(null)),
                HttpStatus.BAD_REQUEST);
        assertProblem(move(dealId, "qualified", "yesterday"), HttpStatus.BAD_REQUEST);
        assertThat(storedEvents(dealId)).isEqualTo(1);
    }

    private static Map<String, String> withKey(String key) {
        Map<String, String> headers = new HashMap<>(bearer(ANNA));
        headers.put("Idempotency-Key", key);
        return headers;
    }

    @Test
    void aRetriedCommandGetsTheFirstAnswerAndStoresNothingMore() {
        String dealId = "deal-" + UUID.randomUUID();
        String key = "open-" + dealId;

        ResponseEntity<JsonNode> first = post("/deals", openDeal(dealId), withKey(key));
        ResponseEntity<JsonNode> retry = post("/deals", openDeal(dealId), withKey(key));

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(retry.getStatusCode()).as("not 409: the retry is the same request").isEqualTo(HttpStatus.CREATED);
        assertThat(retry.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
        assertThat(retry.getHeaders().getETag()).isEqualTo(first.getHeaders().getETag());
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(storedEvents(dealId)).isEqualTo(1);

        String moveKey = "move-" + dealId;
        ResponseEntity<JsonNode> moved = put("/deals/" + dealId + "/stage", Map.of("stageId", "qualified"),
                withKey(moveKey));
        put("/deals/" + dealId + "/stage", Map.of("stageId", "lead"), bearer(ANNA));
        ResponseEntity<JsonNode> movedAgain = put("/deals/" + dealId + "/stage", Map.of("stageId", "qualified"),
                withKey(moveKey));
        assertThat(movedAgain.getHeaders().getETag()).isEqualTo(moved.getHeaders().getETag()).isEqualTo("\"1\"");
        assertThat(storedEvents(dealId)).as("the retried move did not run again").isEqualTo(3);
    }

    @Test
    void theSameKeyForADifferentRequestIsRefusedAndAFailedRequestMayBeRetried() {
        String dealId = annasDeal();
        String key = "k-" + UUID.randomUUID();
        assertThat(put("/deals/" + dealId + "/stage", Map.of("stageId", "qualified"), withKey(key))
                .getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<JsonNode> other = put("/deals/" + dealId + "/stage", Map.of("stageId", "negotiation"),
                withKey(key));
        assertProblem(other, HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(storedEvents(dealId)).isEqualTo(2);

        String refusedKey = "k-" + UUID.randomUUID();
        assertThat(put("/deals/" + dealId + "/outcome", Map.of("outcome", "LOST", "reason", "Weather"),
                withKey(refusedKey)).getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(put("/deals/" + dealId + "/outcome", Map.of("outcome", "LOST", "reason", "Weather"),
                withKey(refusedKey)).getStatusCode()).as("a refusal is not remembered")
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    }

    @Test
    void concurrentRetriesWithOneKeyRunTheCommandOnce() throws Exception {
        String dealId = "deal-" + UUID.randomUUID();
        String key = "open-" + dealId;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpStatusCode>> answers = new ArrayList<>();
        try {
            for (int client = 0; client < 4; client++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return post("/deals", openDeal(dealId), withKey(key)).getStatusCode();
                }));
            }
            start.countDown();
            for (Future<HttpStatusCode> answer : answers) {
                assertThat(answer.get()).isEqualTo(HttpStatus.CREATED);
            }
            assertThat(storedEvents(dealId)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void parallelMovesBasedOnTheSameVersionStoreExactlyOneEvent() throws Exception {
        String dealId = annasDeal();
        int clients = 8;
        List<String> stages = List.of("qualified", "proposal-sent", "negotiation", "contract-sent");
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpStatusCode>> answers = new ArrayList<>();
        try {
            for (int client = 0; client < clients; client++) {
                String stage = stages.get(client % stages.size());
                answers.add(pool.submit(() -> {
                    start.await();
                    return move(dealId, stage, "\"0\"").getStatusCode();
                }));
            }
            start.countDown();
            List<HttpStatusCode> statuses = new ArrayList<>();
            for (Future<HttpStatusCode> answer : answers) {
                statuses.add(answer.get());
            }

            assertThat(statuses).filteredOn(HttpStatus.OK::equals).hasSize(1);
            assertThat(statuses).filteredOn(status -> !status.equals(HttpStatus.OK))
                    .hasSize(clients - 1)
                    .allMatch(status -> status.equals(HttpStatus.PRECONDITION_FAILED) || status.equals(HttpStatus.CONFLICT));
            assertThat(storedEvents(dealId)).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }
}
