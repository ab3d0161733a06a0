package dev.salespipeline.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import tools.jackson.databind.JsonNode;

/**
 * The command service as a single instance runs it: deals kept in memory between commands, at most two of them
 * here, and the pipelines' definitions too. What the caches keep must never be older than what was committed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"pipeline.deals.cache=true", "pipeline.deals.cache-size=2", "pipeline.deals.snapshot-threshold=5"})
// A second context on the suite's database runs a second Kafka publisher, which would share the publisher's segments
// with the others for the rest of the run: closed after this class, so that a republication's reset of the tokens
// is not overwritten by a publisher that still holds some of them.
@DirtiesContext
class CachedDealsIntegrationTest extends CommandServiceTestBase {

    @Test
    void aStageAddedOrRemovedCountsForTheVeryNextMove() {
        String pipelineId = "cached-" + UUID.randomUUID();
        assertThat(post("/pipelines/template", Map.of("pipelineId", pipelineId), bearer(ADA)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        String dealId = "deal-" + UUID.randomUUID();
        Map<String, Object> open = new HashMap<>(openDeal(dealId));
        open.put("pipelineId", pipelineId);
        assertThat(post("/deals", open, bearer(ANNA)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        // Read once, so that the definition without the stage is the one kept.
        assertRefused(move(dealId, "demo"), "StageBelongsToPipeline");

        assertThat(post("/pipelines/" + pipelineId + "/stages",
                Map.of("stage", Map.of("stageId", "demo", "name", "Demo", "probability", 15), "position", 1), bearer(ADA))
                .getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(move(dealId, "demo").getStatusCode()).isEqualTo(HttpStatus.OK);

        assertThat(move(dealId, "lead").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(delete("/pipelines/" + pipelineId + "/stages/demo", bearer(ADA)).getStatusCode()
                .is2xxSuccessful()).isTrue();
        assertRefused(move(dealId, "demo"), "StageBelongsToPipeline");
    }

    @Test
    void aPipelineChangeThatRollsBackLeavesTheCommittedDefinition() {
        String pipelineId = "cached-" + UUID.randomUUID();
        assertThat(post("/pipelines/template", Map.of("pipelineId", pipelineId), bearer(ADA)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(stageNames(pipelineId)).contains("Lead");
        // The catalog row gone, the rename cannot be applied to it: the command fails and stores nothing.
        String row = jdbc.queryForObject("select definition::text from pipeline_catalog where pipeline_id = ?",
                String.class, pipelineId);
        jdbc.update("delete from pipeline_catalog where pipeline_id = ?", pipelineId);
        assertThat(put("/pipelines/" + pipelineId + "/stages/lead/name", Map.of("name", "Prospect"), bearer(ADA))
                .getStatusCode().is5xxServerError()).isTrue();
        jdbc.update("insert into pipeline_catalog (pipeline_id, definition, last_sequence, changed_at) "
                + "values (?, cast(? as jsonb), 0, now())", pipelineId, row);

        assertThat(stageNames(pipelineId)).contains("Lead").doesNotContain("Prospect");
        assertThat(put("/pipelines/" + pipelineId + "/stages/lead/name", Map.of("name", "Prospect"), bearer(ADA))
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(stageNames(pipelineId)).contains("Prospect").doesNotContain("Lead");
    }

    @Test
    void moreDealsThanTheCacheHoldsTakeTurnsAndEachCountsEveryMove() {
        List<String> deals = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            deals.add(annasDeal());
        }
        String[] stages = {"qualified", "lead"};
        for (int round = 0; round < 8; round++) {
            for (String dealId : deals) {
                ResponseEntity<JsonNode> moved = move(dealId, stages[round % 2]);
                assertThat(moved.getStatusCode()).isEqualTo(HttpStatus.OK);
                assertThat(moved.getBody().get("version").asLong()).isEqualTo(round + 1L);
            }
        }
        for (String dealId : deals) {
            assertThat(storedEvents(dealId)).isEqualTo(9);
        }
    }

    @Test
    void aCallerWhoMayNotSeeTheDealLearnsNothingOfItWithOrWithoutAVersion() {
        String dealId = annasDeal();
        ResponseEntity<JsonNode> withoutVersion = put("/deals/" + dealId + "/stage", Map.of("stageId", "qualified"),
                bearer(SAM));
        Map<String, String> withVersion = new HashMap<>(bearer(SAM));
        withVersion.put("If-Match", "\"7\"");
        ResponseEntity<JsonNode> newerVersion = put("/deals/" + dealId + "/stage", Map.of("stageId", "qualified"),
                withVersion);
        withVersion.put("If-Match", "\"0\"");
        ResponseEntity<JsonNode> currentVersion = put("/deals/" + dealId + "/stage", Map.of("stageId", "qualified"),
                withVersion);

        assertThat(List.of(withoutVersion.getStatusCode(), newerVersion.getStatusCode(), currentVersion.getStatusCode()))
                .containsOnly(HttpStatus.NOT_FOUND);
        assertThat(storedEvents(dealId)).isEqualTo(1);
    }

    private ResponseEntity<JsonNode> move(String dealId, String stageId) {
        return put("/deals/" + dealId + "/stage", Map.of("stageId", stageId), bearer(ANNA));
    }

    private List<String> stageNames(String pipelineId) {
        List<String> names = new ArrayList<>();
        client().get().uri("/pipelines/" + pipelineId).header("Authorization", "Bearer " + ANNA)
                .retrieve().body(JsonNode.class).get("stages").forEach(stage -> names.add(stage.get("name").asString()));
        return names;
    }

    private static void assertRefused(ResponseEntity<JsonNode> response, String rule) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(response.getBody().get("rule").asString()).isEqualTo(rule);
    }
}
