package dev.salespipeline.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import tools.jackson.databind.JsonNode;

/**
 * Marketing spend over REST against real PostgreSQL: set, changed with versions as ETags, withdrawn, listed per
 * pipeline; who may set and list it; and what each kind of bad request gets. Every test works in a pipeline of its
 * own.
 */
class MarketingSpendIntegrationTest extends CommandServiceTestBase {

    private String newPipeline() {
        String pipelineId = "spend-" + UUID.randomUUID();
        assertThat(post("/pipelines/template", Map.of("pipelineId", pipelineId), bearer(ADA)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        return pipelineId;
    }

    private static String spend(String pipelineId, String channel, String period) {
        return "/pipelines/" + pipelineId + "/marketing-spend/" + channel + "/" + period;
    }

    private static Map<String, String> as(String token, String ifMatch) {
        Map<String, String> headers = new HashMap<>(bearer(token));
        headers.put("If-Match", ifMatch);
        return headers;
    }

    private static Map<String, Object> amount(String amount) {
        return Map.of("amount", amount, "currency", "EUR");
    }

    private ResponseEntity<JsonNode> get(String path, String token) {
        return client().get().uri(path)
                .headers(headers -> bearer(token).forEach(headers::add))
                .retrieve()
                .toEntity(JsonNode.class);
    }

    private List<String> listed(String pipelineId, String query, String token) {
        ResponseEntity<JsonNode> response = get("/pipelines/" + pipelineId + "/marketing-spend" + query, token);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<String> spend = new ArrayList<>();
        response.getBody().get("spend").forEach(entry -> spend.add(entry.get("period").asString() + " "
                + entry.get("channel").asString() + " " + entry.get("amount").asString() + " "
                + entry.get("currency").asString()));
        return spend;
    }

    private static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private static List<String> invalidFields(ResponseEntity<JsonNode> response) {
        assertProblem(response, HttpStatus.BAD_REQUEST);
        List<String> fields = new ArrayList<>();
        response.getBody().get("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    @Test
    void aManagerSetsChangesAndWithdrawsTheSpendOfAChannel() {
        String pipelineId = newPipeline();
        String path = spend(pipelineId, "referral", "2026-11");
        String spendId = "spend/" + pipelineId + "/referral/2026-11";

        ResponseEntity<JsonNode> set = put(path, amount("1200.00"), bearer(MAX));

        assertThat(set.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(set.getHeaders().getETag()).isEqualTo("\"0\"");
        assertThat(set.getBody().get("spendId").asString()).isEqualTo(spendId);
        assertThat(jdbc.queryForMap("select payloadtype, payloadrevision from domainevententry "
                + "where aggregateidentifier = ?", spendId))
                .containsEntry("payloadtype", "dev.salespipeline.api.spend.MarketingSpendSet")
                .containsEntry("payloadrevision", "1");

        ResponseEntity<JsonNode> changed = put(path, amount("1500.00"), as(MAX, "\"0\""));
        assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(changed.getHeaders().getETag()).isEqualTo("\"1\"");

        ResponseEntity<JsonNode> stale = put(path, amount("1.00"), as(NINA, "\"0\""));
        assertProblem(stale, HttpStatus.PRECONDITION_FAILED);
        assertThat(stale.getBody().get("currentVersion").asLong()).isEqualTo(1);
        assertThat(stale.getBody().get("detail").asString()).startsWith("The spend is at version 1");

        ResponseEntity<JsonNode> unchanged = put(path, amount("1500"), bearer(ADA));
        assertThat(unchanged.getHeaders().getETag()).isEqualTo("\"1\"");
        assertThat(storedEvents(spendId)).isEqualTo(2);
        assertThat(listed(pipelineId, "", MAX)).containsExactly("2026-11 referral 1500.00 EUR");

        ResponseEntity<JsonNode> withdrawn = delete(path + "?reason=Booked%20twice", as(MAX, "\"1\""));
        assertThat(withdrawn.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(withdrawn.getHeaders().getETag()).isEqualTo("\"2\"");
        assertThat(listed(pipelineId, "", MAX)).isEmpty();

        ResponseEntity<JsonNode> afterWithdrawal = put(path, amount("900.00"), bearer(MAX));
        assertProblem(afterWithdrawal, HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(afterWithdrawal.getBody().get("rule").asString()).isEqualTo("WithdrawnSpendPolicy");
        assertThat(delete(path, bearer(MAX)).getHeaders().getETag()).isEqualTo("\"2\"");
        assertThat(storedEvents(spendId)).isEqualTo(3);
    }

    @Test
    void theSpendOfAPipelineIsListedByPeriodAndChannelOfOnePeriodOrAll() {
        String pipelineId = newPipeline();
        assertThat(List.of(
                put(spend(pipelineId, "referral", "2026-11"), amount("1200.00"), bearer(ADA)),
                put(spend(pipelineId, "cold call", "2026-11"), Map.of("amount", "0", "currency", "USD"), bearer(NINA)),
                put(spend(pipelineId, "ads", "2026-Q4"), amount("9000.00"), bearer(MAX))))
                .allSatisfy(response -> assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK));

        assertThat(listed(pipelineId, "", ADA)).containsExactly("2026-11 cold call 0 USD",
                "2026-11 referral 1200.00 EUR", "2026-Q4 ads 9000.00 EUR");
        assertThat(listed(pipelineId, "?period=2026-Q4", VERA)).containsExactly("2026-Q4 ads 9000.00 EUR");
        assertThat(listed(pipelineId, "?period=2026-11", NINA)).hasSize(2);
        assertThat(listed(pipelineId, "?period=2026-12", MAX)).isEmpty();
        assertThat(storedEvents("spend/" + pipelineId + "/cold call/2026-11")).isEqualTo(1);
    }

    @Test
    void repsViewersAndIntegrationsCannotSetSpendAndRepsCannotListItAndNothingIsStored() {
        String pipelineId = newPipeline();
        String path = spend(pipelineId, "referral", "2026-Q4");
        String spendId = "spend/" + pipelineId + "/referral/2026-Q4";

        for (String token : List.of(ANNA, VERA, TELEPHONY)) {
            assertProblem(put(path, amount("1.00"), bearer(token)), HttpStatus.FORBIDDEN);
        }
        assertThat(storedEvents(spendId)).isZero();

        assertThat(put(path, amount("4000.00"), bearer(ADA)).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertProblem(put(path, amount("1.00"), bearer(ANNA)), HttpStatus.FORBIDDEN);
        assertProblem(delete(path, bearer(SAM)), HttpStatus.FORBIDDEN);
        assertProblem(get("/pipelines/" + pipelineId + "/marketing-spend", ANNA), HttpStatus.FORBIDDEN);
        assertProblem(get("/pipelines/" + pipelineId + "/marketing-spend", TELEPHONY), HttpStatus.FORBIDDEN);
        assertThat(storedEvents(spendId)).isEqualTo(1);
    }

    @Test
    void invalidChannelsPeriodsAndAmountsAreProblemsListingEachField() {
        String pipelineId = newPipeline();

        assertThat(invalidFields(put(spend(pipelineId, "referral", "2026-Q5"),
                Map.of("amount", "-5", "currency", "euro"), bearer(ADA))))
                .containsExactlyInAnyOrder("period", "amount", "currency");
        assertThat(invalidFields(put(spend(pipelineId, "-", "2026-W47"), amount("10.00"), bearer(ADA))))
                .containsExactlyInAnyOrder("channel", "period");
        assertThat(invalidFields(put(spend(pipelineId, "c".repeat(101), "2026-11"), amount("10.00"), bearer(ADA))))
                .containsExactly("channel");
        assertThat(invalidFields(put(spend(pipelineId, "referral", "2026-11"),
                amount("1000000000000000.00"), bearer(ADA)))).containsExactly("amount");
        assertThat(invalidFields(put(spend(pipelineId, "referral", "2026-11"), Map.of("currency", "EUR"),
                bearer(ADA)))).containsExactly("amount");
        assertThat(invalidFields(delete(spend(pipelineId, "referral", "Q4-2026"), bearer(ADA))))
                .containsExactly("period");
        assertThat(invalidFields(get("/pipelines/" + pipelineId + "/marketing-spend?period=2026-W45", ADA)))
                .containsExactly("period");
        assertThat(storedEvents("spend/" + pipelineId + "/referral/2026-11")).isZero();
    }

    @Test
    void aSpendKeepsItsCurrencyAndBelongsToAPipelineThatExists() {
        String pipelineId = newPipeline();
        String path = spend(pipelineId, "ads", "2026-Q4");
        assertThat(put(path, amount("2000.00"), bearer(NINA)).getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<JsonNode> inDollars = put(path, Map.of("amount", "2000.00", "currency", "USD"), bearer(NINA));
        assertProblem(inDollars, HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(inDollars.getBody().get("rule").asString()).isEqualTo("SpendCurrencyFixed");

        String unknown = "nowhere-" + UUID.randomUUID();
        assertProblem(put(spend(unknown, "ads", "2026-Q4"), amount("1.00"), bearer(ADA)), HttpStatus.NOT_FOUND);
        assertProblem(get("/pipelines/" + unknown + "/marketing-spend", ADA), HttpStatus.NOT_FOUND);
        assertProblem(delete(spend(pipelineId, "nothing", "2026-Q4"), bearer(ADA)), HttpStatus.NOT_FOUND);
        assertProblem(put(spend(pipelineId, "email", "2026-Q4"), amount("1.00"), as(ADA, "\"0\"")),
                HttpStatus.PRECONDITION_FAILED);
        assertThat(storedEvents("spend/" + unknown + "/ads/2026-Q4")).isZero();
        assertThat(storedEvents("spend/" + pipelineId + "/email/2026-Q4")).isZero();
    }
}
