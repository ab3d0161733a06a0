package dev.salespipeline.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import tools.jackson.databind.JsonNode;

/**
 * The work on a deal over REST: tasks, activities logged late or twice, hand-over and transfer.
 */
class DealWorkIntegrationTest extends CommandServiceTestBase {

    private JsonNode historyTypes(String dealId, List<String> types) {
        JsonNode items = client().get().uri("/deals/" + dealId + "/history").header("Authorization", "Bearer " + ADA)
                .retrieve().body(JsonNode.class).get("items");
        items.forEach(item -> types.add(item.get("type").asString()));
        return items;
    }

    @Test
    void aTaskIsScheduledRescheduledAndDone() {
        String dealId = annasDeal();

        ResponseEntity<JsonNode> scheduled = post("/deals/" + dealId + "/tasks",
                Map.of("title", "Call Kim", "dueAt", "2026-12-01T09:00:00Z"), bearer(ANNA));
        assertThat(scheduled.getStatusCode()).isEqualTo(HttpStatus.OK);
        String taskId = scheduled.getBody().get("id").asString();
        assertThat(put("/deals/" + dealId + "/tasks/" + taskId + "/due-at", Map.of("dueAt", "2026-12-03T09:00:00Z"),
                bearer(ANNA)).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(put("/deals/" + dealId + "/tasks/" + taskId + "/status", Map.of("status", "DONE"), bearer(ANNA))
                .getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<JsonNode> again = put("/deals/" + dealId + "/tasks/" + taskId + "/status",
                Map.of("status", "CANCELLED"), bearer(ANNA));
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(again.getBody().get("rule").asString()).isEqualTo("OpenTaskOnly");

        List<String> types = new ArrayList<>();
        JsonNode items = historyTypes(dealId, types);
        assertThat(types).containsSubsequence("TaskScheduled", "TaskRescheduled", "TaskCompleted");
        assertThat(items.get(2).get("changes").get(0).get("field").asString()).isEqualTo("dueAt");
    }

    @Test
    void aCallLoggedLateKeepsItsTimeAndTheSameCallIsRecordedOnce() {
        String dealId = annasDeal();
        Map<String, Object> call = Map.of("callId", "tel-" + UUID.randomUUID(), "direction", "INBOUND",
                "startedAt", "2026-11-15T16:30:00Z", "durationSeconds", 95, "answered", true,
                "phoneNumber", "+49 30 1234");

        assertThat(post("/deals/" + dealId + "/calls", call, bearer(ANNA)).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(post("/deals/" + dealId + "/calls", call, bearer(ANNA)).getStatusCode()).isEqualTo(HttpStatus.OK);
        String emailId = post("/deals/" + dealId + "/emails", Map.of("direction", "OUTBOUND",
                "sentAt", "2026-11-16T10:00:00Z", "subject", "Offer"), bearer(ANNA)).getBody().get("id").asString();
        assertThat(put("/deals/" + dealId + "/emails/" + emailId + "/opened-at",
                Map.of("openedAt", "2026-11-16T11:00:00Z"), bearer(ANNA)).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(put("/deals/" + dealId + "/emails/unknown/opened-at", Map.of("openedAt", "2026-11-16T11:00:00Z"),
                bearer(ANNA)).getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(post("/deals/" + dealId + "/meetings", Map.of("title", "Demo", "startedAt", "2026-11-16T13:00:00Z",
                "durationMinutes", 45), bearer(ANNA)).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(post("/deals/" + dealId + "/comments", Map.of("text", "Budget approved"), bearer(ANNA))
                .getStatusCode()).isEqualTo(HttpStatus.OK);

        List<String> types = new ArrayList<>();
        JsonNode items = historyTypes(dealId, types);
        assertThat(types).containsExactly("DealOpened", "CallLogged", "EmailLogged", "EmailOpened", "MeetingLogged",
                "CommentAdded");
        assertThat(items.get(1).get("occurredAt").asString()).isEqualTo("2026-11-15T16:30:00Z");
        assertThat(items.get(1).get("recordedAt").asString()).isNotEqualTo("2026-11-15T16:30:00Z");
    }

    @Test
    void aHandOverMovesTheRightsAndATransferLandsInAnotherPipeline() {
        String dealId = annasDeal();

        assertThat(put("/deals/" + dealId + "/owner", Map.of("ownerId", "ben", "reason", "holiday"), bearer(MAX))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(post("/deals/" + dealId + "/comments", Map.of("text", "still mine?"), bearer(ANNA)).getStatusCode())
                .as("no longer hers to see").isEqualTo(HttpStatus.NOT_FOUND);
        String ben = dev.salespipeline.testsupport.TestTokens.user("ben").roles("rep").team("north").token();
        assertThat(post("/deals/" + dealId + "/comments", Map.of("text", "mine now"), bearer(ben)).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(put("/deals/" + dealId + "/owner", Map.of("ownerId", "sam", "teamId", "south"), bearer(MAX))
                .getStatusCode()).as("another team takes an admin").isEqualTo(HttpStatus.FORBIDDEN);

        String legal = "legal-" + UUID.randomUUID();
        assertThat(post("/pipelines/template", Map.of("pipelineId", legal, "name", "Legal"), bearer(ADA))
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(put("/deals/" + dealId + "/pipeline", Map.of("pipelineId", legal, "stageId", "lead"), bearer(ben))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> samePipeline = put("/deals/" + dealId + "/pipeline",
                Map.of("pipelineId", legal, "stageId", "qualified"), bearer(ben));
        assertThat(samePipeline.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(samePipeline.getBody().get("rule").asString()).isEqualTo("TransferToAnotherPipeline");
        assertThat(put("/deals/" + dealId + "/stage", Map.of("stageId", "qualified"), bearer(ben)).getStatusCode())
                .as("it now moves in the new pipeline").isEqualTo(HttpStatus.OK);
    }
}
