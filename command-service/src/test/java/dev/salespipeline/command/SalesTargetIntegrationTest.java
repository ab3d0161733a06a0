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
 * Sales targets over REST against real PostgreSQL: set, changed with versions as ETags, withdrawn,
 * listed per pipeline and period as each caller may see them; who may set which target; and what
 * each kind of bad request gets. Every test works in a pipeline of its own.
 */
class SalesTargetIntegrationTest extends CommandServiceTestBase {

    private String newPipeline() {
        String pipelineId = "targets-" + UUID.randomUUID();
        assertThat(post("/pipelines/template", Map.of("pipelineId", pipelineId), bearer(ADA)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        return pipelineId;
    }

    private static String target(String pipelineId, String subject, String period) {
        return "/pipelines/" + pipelineId + "/targets/" + subject + "/" + period;
    }

    private static Map<String, String> as(String token, String ifMatch) {
        Map<String, String> headers = new HashMap<>(bearer(token));
        if (ifMatch != null) {
            headers.put("If-Match", ifMatch);
        }
        return headers;
    }

    private static Map<String, Object> amount(String amount) {
        return Map.of("amount", amount, "currency", "EUR");
    }

    private static Map<String, Object> amountInTeam(String amount, String teamId) {
        return Map.of("amount", amount, "currency", "EUR", "teamId", teamId);
    }

    private ResponseEntity<JsonNode> get(String path, String token) {
        return client().get().uri(path)
                .headers(headers -> bearer(token).forEach(headers::add))
                .retrieve()
                .toEntity(JsonNode.class);
    }

    private List<String> listed(String pipelineId, String period, String token) {
        ResponseEntity<JsonNode> response = get("/pipelines/" + pipelineId + "/targets?period=" + period, token);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().get("period").asString()).isEqualTo(period);
        List<String> subjects = new ArrayList<>();
        response.getBody().get("targets").forEach(target -> subjects.add(
                target.get("subjectType").asString().toLowerCase(java.util.Locale.ROOT) + ":"
                        + target.get("subjectId").asString()));
        return subjects;
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
    void aManagerSetsChangesAndWithdrawsTheTargetOfTheirTeam() {
        String pipelineId = newPipeline();
        String path = target(pipelineId, "team/north", "2026-Q4");
        String targetId = "target/" + pipelineId + "/team:north/2026-Q4";

        ResponseEntity<JsonNode> set = put(path, amount("500000.00"), bearer(MAX));

        assertThat(set.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(set.getHeaders().getETag()).isEqualTo("\"0\"");
        assertThat(set.getBody().get("targetId").asString()).isEqualTo(targetId);
        assertThat(set.getBody().get("version").asLong()).isZero();
        assertThat(jdbc.queryForMap("select payloadtype, payloadrevision from domainevententry "
                + "where aggregateidentifier = ?", targetId))
                .containsEntry("payloadtype", "dev.salespipeline.api.target.SalesTargetSet")
                .containsEntry("payloadrevision", "1");

        ResponseEntity<JsonNode> changed = put(path, amount("550000.00"), as(MAX, "\"0\""));
        assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(changed.getHeaders().getETag()).isEqualTo("\"1\"");
        assertThat(changed.getBody().get("version").asLong()).isEqualTo(1);

        ResponseEntity<JsonNode> stale = put(path, amount("1.00"), as(MAX, "\"0\""));
        assertProblem(stale, HttpStatus.PRECONDITION_FAILED);
        assertThat(stale.getBody().get("currentVersion").asLong()).isEqualTo(1);
        assertThat(stale.getBody().get("detail").asString()).startsWith("The target is at version 1");
        assertThat(storedEvents(targetId)).isEqualTo(2);

        ResponseEntity<JsonNode> unchanged = put(path, amount("550000"), bearer(MAX));
        assertThat(unchanged.getHeaders().getETag()).isEqualTo("\"1\"");
        assertThat(storedEvents(targetId)).isEqualTo(2);

        JsonNode listedTarget = get("/pipelines/" + pipelineId + "/targets?period=2026-Q4", MAX).getBody()
                .get("targets").get(0);
        assertThat(listedTarget.get("targetId").asString()).isEqualTo(targetId);
        assertThat(listedTarget.get("subjectType").asString()).isEqualTo("TEAM");
        assertThat(listedTarget.get("teamId").asString()).isEqualTo("north");
        assertThat(listedTarget.get("amount").asString()).isEqualTo("550000.00");
        assertThat(listedTarget.get("currency").asString()).isEqualTo("EUR");
        assertThat(listedTarget.get("version").asLong()).isEqualTo(1);

        ResponseEntity<JsonNode> withdrawn = delete(path + "?reason=Team%20merged", as(MAX, "\"1\""));
        assertThat(withdrawn.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(withdrawn.getHeaders().getETag()).isEqualTo("\"2\"");
        assertThat(listed(pipelineId, "2026-Q4", MAX)).isEmpty();

        ResponseEntity<JsonNode> afterWithdrawal = put(path, amount("600000.00"), bearer(MAX));
        assertProblem(afterWithdrawal, HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(afterWithdrawal.getBody().get("rule").asString()).isEqualTo("WithdrawnTargetPolicy");
        assertThat(delete(path, bearer(MAX)).getHeaders().getETag()).isEqualTo("\"2\"");
        assertThat(storedEvents(targetId)).isEqualTo(3);
    }

    @Test
    void anOwnersTargetIsSetByTheTeamsManagerOnlyWhenNamingTheTeam() {
        String pipelineId = newPipeline();
        String annas = target(pipelineId, "owner/anna", "2026-11");
        String targetId = "target/" + pipelineId + "/owner:anna/2026-11";

        ResponseEntity<JsonNode> withoutTeam = put(annas, amount("40000.00"), bearer(MAX));
        assertProblem(withoutTeam, HttpStatus.FORBIDDEN);
        assertThat(withoutTeam.getBody().get("rule").asString()).isEqualTo("SalesTargetAccessPolicy");
        assertThat(storedEvents(targetId)).isZero();

        assertThat(put(annas, amountInTeam("40000.00", "north"), bearer(MAX)).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(listed(pipelineId, "2026-11", MAX)).containsExactly("owner:anna");
        assertThat(listed(pipelineId, "2026-11", ANNA)).containsExactly("owner:anna");
    }

    @Test
    void aManagerOfAnotherTeamCannotSetOrChangeTheTeamsTargets() {
        String pipelineId = newPipeline();
        String annas = target(pipelineId, "owner/anna", "2026-Q4");
        assertThat(put(annas, amountInTeam("120000.00", "north"), bearer(ADA)).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        for (ResponseEntity<JsonNode> hidden : List.of(put(annas, amountInTeam("1.00", "south"), bearer(NINA)),
                delete(annas, bearer(NINA)))) {
            assertProblem(hidden, HttpStatus.NOT_FOUND);
        }
        for (ResponseEntity<JsonNode> refused : List.of(
                put(target(pipelineId, "team/north", "2026-Q4"), amount("1.00"), bearer(NINA)),
                put(target(pipelineId, "owner/ben", "2026-Q4"), amountInTeam("1.00", "north"), bearer(NINA)))) {
            assertProblem(refused, HttpStatus.FORBIDDEN);
            assertThat(refused.getBody().get("rule").asString()).isEqualTo("SalesTargetAccessPolicy");
        }

        assertThat(storedEvents("target/" + pipelineId + "/owner:anna/2026-Q4")).isEqualTo(1);
        assertThat(storedEvents("target/" + pipelineId + "/team:north/2026-Q4")).isZero();
        assertThat(storedEvents("target/" + pipelineId + "/owner:ben/2026-Q4")).isZero();
        assertThat(listed(pipelineId, "2026-Q4", NINA)).isEmpty();
    }

    @Test
    void aRepCannotSetOrWithdrawATargetNotEvenTheirOwnAndNothingIsStored() {
        String pipelineId = newPipeline();
        String annas = target(pipelineId, "owner/anna", "2026-Q4");
        String targetId = "target/" + pipelineId + "/owner:anna/2026-Q4";

        assertProblem(put(annas, amountInTeam("1000000.00", "north"), bearer(ANNA)), HttpStatus.FORBIDDEN);
        assertThat(storedEvents(targetId)).isZero();

        assertThat(put(annas, amountInTeam("120000.00", "north"), bearer(ADA)).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertProblem(put(annas, amountInTeam("1.00", "north"), bearer(ANNA)), HttpStatus.FORBIDDEN);
        assertProblem(delete(annas, bearer(ANNA)), HttpStatus.FORBIDDEN);
        assertProblem(put(annas, amount("1.00"), bearer(VERA)), HttpStatus.FORBIDDEN);
        assertThat(storedEvents(targetId)).isEqualTo(1);
        assertThat(get("/pipelines/" + pipelineId + "/targets?period=2026-Q4", ANNA).getBody().get("targets")
                .get(0).get("amount").asString()).isEqualTo("120000.00");
    }

    @Test
    void eachCallerListsTheCurrentTargetsOfThePeriodTheyMaySee() {
        String pipelineId = newPipeline();
        assertThat(List.of(
                put(target(pipelineId, "owner/anna", "2026-Q4"), amountInTeam("120000.00", "north"), bearer(ADA)),
                put(target(pipelineId, "owner/ben", "2026-Q4"), amountInTeam("90000.00", "north"), bearer(MAX)),
                put(target(pipelineId, "owner/sam", "2026-Q4"), amountInTeam("80000.00", "south"), bearer(NINA)),
                put(target(pipelineId, "owner/kim", "2026-Q4"), amount("70000.00"), bearer(ADA)),
                put(target(pipelineId, "team/north", "2026-Q4"), amount("300000.00"), bearer(MAX)),
                put(target(pipelineId, "team/south", "2026-Q4"), amount("200000.00"), bearer(NINA)),
                put(target(pipelineId, "owner/anna", "2027-Q1"), amountInTeam("130000.00", "north"), bearer(MAX)),
                put(target(pipelineId, "owner/anna", "2026-10"), amountInTeam("40000.00", "north"), bearer(MAX))))
                .allSatisfy(response -> assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK));

        List<String> everyTarget = List.of("owner:anna", "owner:ben", "owner:kim", "owner:sam", "team:north",
                "team:south");
        assertThat(listed(pipelineId, "2026-Q4", ADA)).containsExactlyElementsOf(everyTarget);
        assertThat(listed(pipelineId, "2026-Q4", VERA)).containsExactlyElementsOf(everyTarget);
        assertThat(listed(pipelineId, "2026-Q4", MAX)).containsExactly("owner:anna", "owner:ben", "team:north");
        assertThat(listed(pipelineId, "2026-Q4", NINA)).containsExactly("owner:sam", "team:south");
        assertThat(listed(pipelineId, "2026-Q4", ANNA)).containsExactly("owner:anna");
        assertThat(listed(pipelineId, "2026-Q4", SAM)).containsExactly("owner:sam");
        assertThat(listed(pipelineId, "2027-Q1", ADA)).containsExactly("owner:anna");
        assertThat(listed(pipelineId, "2026-10", BEN)).isEmpty();
        assertThat(listed(pipelineId, "2026-11", ADA)).isEmpty();
        assertProblem(get("/pipelines/" + pipelineId + "/targets?period=2026-Q4", TELEPHONY), HttpStatus.FORBIDDEN);
    }

    @Test
    void invalidPeriodsSubjectsAndAmountsAreProblemsListingEachField() {
        String pipelineId = newPipeline();

        assertThat(invalidFields(put(target(pipelineId, "owner/anna", "2026-Q5"),
                Map.of("amount", "-5", "currency", "euro"), bearer(ADA))))
                .containsExactlyInAnyOrder("period", "amount", "currency");
        assertThat(invalidFields(put(target(pipelineId, "person/anna", "2026-13"), amount("10.00"), bearer(ADA))))
                .containsExactlyInAnyOrder("subjectType", "period");
        assertThat(invalidFields(put(target(pipelineId, "owner/anna", "2026-Q4"), amount("0"), bearer(ADA))))
                .containsExactly("amount");
        assertThat(invalidFields(put(target(pipelineId, "owner/anna", "2026-Q4"), Map.of("currency", "EUR"),
                bearer(ADA)))).containsExactly("amount");
        assertThat(invalidFields(delete(target(pipelineId, "owner/anna", "Q4-2026"), bearer(ADA))))
                .containsExactly("period");
        assertThat(invalidFields(get("/pipelines/" + pipelineId + "/targets?period=2026-W45", ADA)))
                .containsExactly("period");
        assertThat(storedEvents("target/" + pipelineId + "/owner:anna/2026-Q4")).isZero();
    }

    @Test
    void aTargetKeepsItsCurrency() {
        String pipelineId = newPipeline();
        String path = target(pipelineId, "team/south", "2026-Q4");
        assertThat(put(path, amount("200000.00"), bearer(NINA)).getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<JsonNode> inDollars = put(path, Map.of("amount", "200000.00", "currency", "USD"), bearer(NINA));

        assertProblem(inDollars, HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(inDollars.getBody().get("rule").asString()).isEqualTo("TargetCurrencyFixed");
    }

    @Test
    void anIfMatchForATargetThatDoesNotExistFails() {
        String pipelineId = newPipeline();

        assertProblem(put(target(pipelineId, "team/north", "2026-Q4"), amount("1.00"), as(ADA, "\"0\"")),
                HttpStatus.PRECONDITION_FAILED);
        assertThat(storedEvents("target/" + pipelineId + "/team:north/2026-Q4")).isZero();
    }

    @Test
    void targetsBelongToAPipelineThatExists() {
        String unknown = "nowhere-" + UUID.randomUUID();

        assertProblem(put(target(unknown, "team/north", "2026-Q4"), amount("1.00"), bearer(ADA)),
                HttpStatus.NOT_FOUND);
        assertProblem(get("/pipelines/" + unknown + "/targets?period=2026-Q4", ADA), HttpStatus.NOT_FOUND);
        assertProblem(delete(target(PIPELINE, "team/nobody", "2026-Q4"), bearer(ADA)), HttpStatus.NOT_FOUND);
        assertThat(storedEvents("target/" + unknown + "/team:north/2026-Q4")).isZero();
    }
}
