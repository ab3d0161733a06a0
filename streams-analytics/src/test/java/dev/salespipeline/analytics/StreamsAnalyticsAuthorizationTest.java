package dev.salespipeline.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.salespipeline.analytics.app.AnalyticsStreams;
import dev.salespipeline.api.deal.CallLogged;
import dev.salespipeline.api.deal.DealLost;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealWon;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.PipelineTemplates;
import dev.salespipeline.testsupport.AuthorizationMatrix;
import dev.salespipeline.testsupport.AuthorizationMatrix.Request;
import tools.jackson.databind.JsonNode;

/**
 * Who gets what from the analytics port: its state stores hold every team's figures unfiltered, so only admins and
 * viewers read them; dead letters and the actuator are for admins; health tells everyone else its status alone.
 */
class StreamsAnalyticsAuthorizationTest extends StreamsAnalyticsTestBase {

    private static final Map<String, Integer> READ_STATE = Map.of("anonymous", 401, "admin", 200, "viewer", 200,
            "manager", 403, "rep", 403, "integration", 403);

    @Test
    void everyDocumentedEndpointAnswersOnlyTheRolesItIsFor() throws Exception {
        String pipelineId = "pipeline-" + UUID.randomUUID();
        String won = "won-" + pipelineId;
        String lost = "lost-" + pipelineId;
        String open = "open-" + pipelineId;
        Money amount = Money.of("1000.00", "EUR");
        publish(List.of(
                asPublished(0, new PipelineDefined(pipelineId, "Matrix", PipelineTemplates.DEFAULT_STAGES,
                        PipelineTemplates.DEFAULT_IDLE_LIMIT, PipelineTemplates.DEFAULT_LOST_REASONS,
                        MONDAY_MORNING.minusSeconds(3600)), "ada"),
                asPublished(0, new DealOpened(won, pipelineId, "lead", "Won", "anna", "north", amount, MONDAY_MORNING),
                        "anna"),
                asPublished(1, new DealMovedToStage(won, pipelineId, "lead", "qualified",
                        MONDAY_MORNING.plusSeconds(3600)), "anna"),
                asPublished(2, new DealWon(won, pipelineId, "qualified", amount, MONDAY_MORNING.plusSeconds(7200)),
                        "anna"),
                asPublished(0, new DealOpened(lost, pipelineId, "lead", "Lost", "anna", "north", amount,
                        MONDAY_MORNING), "anna"),
                asPublished(1, new CallLogged(lost, "call-1", Direction.OUTBOUND, MONDAY_MORNING.plusSeconds(600), 45,
                        true, "+49301234567", null, null, null), "anna"),
                asPublished(2, new DealLost(lost, pipelineId, "lead", "Price", null, MONDAY_MORNING.plusSeconds(10_800)),
                        "anna"),
                asPublished(0, new DealOpened(open, pipelineId, "lead", "Open", "anna", "north", amount,
                        MONDAY_MORNING), "anna")));

        String month = "?periodType=MONTH&period=2026-11";
        Map<String, String> state = new LinkedHashMap<>();
        state.put("GET /state", "/state");
        state.put("GET /state/opened-deals/{pipelineId}", "/state/opened-deals/" + pipelineId);
        state.put("GET /state/conversion/{pipelineId}", "/state/conversion/" + pipelineId + month);
        state.put("GET /state/win-rate/{pipelineId}", "/state/win-rate/" + pipelineId + month);
        state.put("GET /state/stalled-deals/{dealId}", "/state/stalled-deals/" + open);
        state.put("GET /state/time-in-stage/{pipelineId}", "/state/time-in-stage/" + pipelineId + month);
        state.put("GET /state/stage-age/{pipelineId}", "/state/stage-age/" + pipelineId);
        state.put("GET /state/sales-cycle/{pipelineId}", "/state/sales-cycle/" + pipelineId + month);
        state.put("GET /state/sales-velocity/{pipelineId}", "/state/sales-velocity/" + pipelineId + month
                + "&currency=EUR");
        state.put("GET /state/weighted-pipeline/{pipelineId}", "/state/weighted-pipeline/" + pipelineId
                + "?periodType=MONTH&period=none&currency=EUR");
        state.put("GET /state/manager-activity/{pipelineId}", "/state/manager-activity/" + pipelineId
                + "?personId=anna&periodType=DAY&period=2026-11-16");
        // Every store has something to show first, so that a 200 is an answer with figures in it
        state.values().forEach(path -> awaitOk(ADA, path));

        String deadLetters = "/admin/dead-letters/" + AnalyticsStreams.DEAD_LETTER_TOPIC;
        AuthorizationMatrix matrix = AuthorizationMatrix.of(baseUrl())
                .caller("anonymous", null)
                .caller("admin", ADA)
                .caller("viewer", VERA)
                .caller("manager", MAX)
                .caller("rep", ANNA)
                .caller("integration", TELEPHONY);
        state.forEach((operation, path) -> matrix.endpoint(operation, () -> Request.get(path), READ_STATE));
        matrix.endpoint("GET /admin/dead-letters/{topic}", () -> Request.get(deadLetters), adminOnly(200))
                // Beyond the topic's end: nothing is sent back.
                .endpoint("POST /admin/dead-letters/{topic}/redrive", () -> Request.post(deadLetters
                        + "/redrive?fromOffset=1000000&toOffset=1000000", null), adminOnly(200))
                .verify();
    }

    @Test
    void theActuatorIsForAdminsAndHealthShowsEveryoneElseItsStatusAlone() {
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("viewer", VERA);
        callers.put("manager", MAX);
        callers.put("rep", ANNA);
        callers.put("integration", TELEPHONY);
        for (String path : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/jvm.threads.live",
                "/actuator/info")) {
            assertThat(status(null, path)).as("anonymous: GET " + path).isEqualTo(401);
            callers.forEach((caller, token) -> assertThat(status(token, path)).as(caller + ": GET " + path)
                    .isEqualTo(403));
            assertThat(status(ADA, path)).as("admin: GET " + path).isEqualTo(200);
        }

        JsonNode health = awaitOk(ADA, "/actuator/health");
        assertThat(health.get("components").has("kafkaStreams")).isTrue();
        assertThat(health.get("components").has("consumers")).isTrue();
        callers.put("anonymous", null);
        callers.forEach((caller, token) -> {
            JsonNode statusOnly = http(token).get().uri("/actuator/health")
                    .exchange((request, response) -> response.bodyTo(JsonNode.class));
            assertThat(statusOnly.has("status")).as(caller + ": GET /actuator/health").isTrue();
            assertThat(statusOnly.propertyNames()).as(caller + ": GET /actuator/health")
                    .doesNotContain("components", "details");
        });
        // A component is not even named to those who may not see the details
        assertThat(status(null, "/actuator/health/consumers")).as("anonymous: GET /actuator/health/consumers")
                .isEqualTo(404);
        assertThat(status(ADA, "/actuator/health/consumers")).as("admin: GET /actuator/health/consumers")
                .isIn(200, 503);
    }

    private int status(String token, String path) {
        return http(token).get().uri(path).exchange((request, response) -> response.getStatusCode().value());
    }

    private static Map<String, Integer> adminOnly(int allowed) {
        Map<String, Integer> statuses = new HashMap<>(READ_STATE);
        statuses.put("admin", allowed);
        statuses.put("viewer", 403);
        return statuses;
    }
}
