package dev.salespipeline.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import tools.jackson.databind.JsonNode;

/**
 * Open tasks by due day over the scripted {@link BoardScenario}: overdue, due today and upcoming relative
 * to now in the company's time zone (UTC here), the owner following the deal's hand-over, and each
 * caller's own, team's or everyone's tasks. Lists are asked for the scenario's pipeline only, so that
 * other tests' tasks of the same owners stay out.
 */
class TasksIntegrationTest extends QueryServiceTestBase {

    private static BoardScenario scenario;

    @Autowired
    MongoTemplate mongo;

    @BeforeEach
    void publishTheScenarioOnce() throws Exception {
        if (scenario == null) {
            BoardScenario script = new BoardScenario();
            for (Map.Entry<String, String> record : script.records) {
                publish(record.getKey(), record.getValue());
            }
            awaitAllConsumed();
            scenario = script;
        }
    }

    private JsonNode tasks(String query, String token) {
        ResponseEntity<JsonNode> response = get("/tasks?pipelineId=" + scenario.pipelineId + query, token);
        assertThat(response.getStatusCode()).as(query).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static List<String> ids(JsonNode lists, String list) {
        List<String> ids = new ArrayList<>();
        lists.get(list).forEach(task -> ids.add(task.get("taskId").asString()));
        return ids;
    }

    private static JsonNode task(JsonNode lists, String list, String taskId) {
        for (JsonNode task : lists.get(list)) {
            if (task.get("taskId").asString().equals(taskId)) {
                return task;
            }
        }
        throw new AssertionError("no task " + taskId + " in " + list);
    }

    private Document taskDocument(String dealId, String taskId) {
        return mongo.findById(dealId + "/" + taskId, Document.class, "tasks");
    }

    private static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void openTasksAreSortedIntoOverdueDueTodayAndUpcomingByTheirDueTime() {
        JsonNode all = tasks("", ADA);

        assertThat(ids(all, "overdue")).containsExactly("t4");
        assertThat(ids(all, "dueToday")).as("rescheduled from two days ago").containsExactly("t3");
        assertThat(ids(all, "upcoming")).as("within 14 days, due first first; done and cancelled ones gone")
                .containsExactly("t9", "t1", "t1b");

        JsonNode callBack = task(all, "overdue", "t4");
        assertThat(callBack.get("title").asString()).isEqualTo("Call back");
        assertThat(callBack.get("dueAt").asString()).isEqualTo(scenario.overdue.toString());
        assertThat(callBack.get("dealId").asString()).isEqualTo(scenario.delta);
        assertThat(callBack.get("dealTitle").asString()).isEqualTo("Delta deal");
        assertThat(callBack.get("pipelineId").asString()).isEqualTo(scenario.pipelineId);
        assertThat(callBack.get("ownerId").asString()).as("the deal was handed over").isEqualTo("anna");
        assertThat(task(all, "dueToday", "t3").get("rescheduledCount").asInt()).isEqualTo(1);
        assertThat(task(all, "dueToday", "t3").get("dueAt").asString()).isEqualTo(scenario.dueToday.toString());
        assertThat(task(all, "upcoming", "t1").get("dealTitle").asString()).as("the deal's title as edited since")
                .isEqualTo("Alpha seats");

        assertThat(ids(tasks("&days=30", ADA), "upcoming")).containsExactly("t9", "t1", "t1b", "t9b");
        assertThat(ids(tasks("&days=4", ADA), "upcoming")).containsExactly("t9", "t1");
        assertThat(ids(tasks("&size=1", ADA), "upcoming")).containsExactly("t9");
        assertThat(ids(tasks("&ownerId=ben", ADA), "upcoming")).containsExactly("t9");
    }

    @Test
    void aRepSeesTheirOwnTasksAndIsRefusedAnotherOwners() {
        JsonNode annas = tasks("", ANNA);
        assertThat(ids(annas, "overdue")).containsExactly("t4");
        assertThat(ids(annas, "dueToday")).containsExactly("t3");
        assertThat(ids(annas, "upcoming")).containsExactly("t1", "t1b");
        assertThat(tasks("&ownerId=anna", ANNA)).isEqualTo(annas);

        JsonNode bens = tasks("", BEN);
        assertThat(ids(bens, "overdue")).isEmpty();
        assertThat(ids(bens, "upcoming")).containsExactly("t9");
        JsonNode sams = tasks("", SAM);
        assertThat(ids(sams, "overdue")).as("the task left with the deal").isEmpty();

        assertProblem(get("/tasks?ownerId=ben", ANNA), HttpStatus.FORBIDDEN);
    }

    @Test
    void managersSeeTheirTeamsTasksAndAdminsAndViewersEveryones() {
        JsonNode max = tasks("", MAX);
        assertThat(ids(max, "overdue")).containsExactly("t4");
        assertThat(ids(max, "upcoming")).containsExactly("t9", "t1", "t1b");
        assertThat(tasks("", VERA)).isEqualTo(tasks("", ADA));
        JsonNode nina = tasks("", NINA);
        assertThat(ids(nina, "overdue")).isEmpty();
        assertThat(ids(nina, "dueToday")).isEmpty();
        assertThat(ids(nina, "upcoming")).isEmpty();
    }

    @Test
    void eachTaskDocumentFollowsItsTaskAndItsDeal() {
        Document done = taskDocument(scenario.alpha, "t0");
        assertThat(done.getString("status")).isEqualTo("DONE");
        assertThat(done.getDate("doneAt").toInstant()).isEqualTo(scenario.daysAgo(1));
        assertThat(taskDocument(scenario.beta, "t2").getString("status")).isEqualTo("CANCELLED");
        Document callBack = taskDocument(scenario.delta, "t4");
        assertThat(callBack.getString("ownerId")).isEqualTo("anna");
        assertThat(callBack.getString("teamId")).isEqualTo("north");
        assertThat(callBack.getLong("lastSequence")).as("the hand-over, the deal's third event").isEqualTo(2);
        Document rescheduled = taskDocument(scenario.gamma, "t3");
        assertThat(rescheduled.getInteger("rescheduledCount")).isEqualTo(1);
        assertThat(rescheduled.getString("status")).isEqualTo("OPEN");
    }

    @Test
    void badParametersAreBadRequestProblems() {
        for (String bad : List.of("days=0", "days=91", "size=0", "size=501", "days=soon")) {
            assertProblem(get("/tasks?" + bad, ADA), HttpStatus.BAD_REQUEST);
        }
    }
}
