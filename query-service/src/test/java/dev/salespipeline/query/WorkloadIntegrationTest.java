package dev.salespipeline.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import tools.jackson.databind.JsonNode;

/**
 * Manager workload over the scripted {@link BoardScenario}, with every figure worked out by hand: open
 * deals per owner and stage, open, weighted and average amounts per currency, the average won deal, and
 * the bottleneck stage; and who may see whose.
 */
class WorkloadIntegrationTest extends QueryServiceTestBase {

    private static BoardScenario scenario;

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

    private JsonNode workload(String query, String token) {
        ResponseEntity<JsonNode> response = get("/pipelines/" + scenario.pipelineId + "/workload" + query, token);
        assertThat(response.getStatusCode()).as(query).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static List<String> owners(JsonNode workload) {
        List<String> owners = new ArrayList<>();
        workload.get("owners").forEach(owner -> owners.add(owner.get("ownerId").asString()));
        return owners;
    }

    private static JsonNode owner(JsonNode workload, String ownerId) {
        for (JsonNode owner : workload.get("owners")) {
            if (owner.get("ownerId").asString().equals(ownerId)) {
                return owner;
            }
        }
        throw new AssertionError("no owner " + ownerId);
    }

    /** Each stage as "stageId count amounts". */
    private static List<String> stages(JsonNode owner) {
        List<String> lines = new ArrayList<>();
        owner.get("stages").forEach(stage -> {
            StringBuilder line = new StringBuilder(stage.get("stageId").asString()).append(' ')
                    .append(stage.get("count").asLong());
            stage.get("amounts").forEach(sum -> line.append(' ').append(sum.get("amount").asString())
                    .append(' ').append(sum.get("currency").asString()));
            lines.add(line.toString());
        });
        return lines;
    }

    /** Each currency as "currency open weighted averageOpen averageWon". */
    private static List<String> amounts(JsonNode owner) {
        List<String> lines = new ArrayList<>();
        owner.get("amounts").forEach(amounts -> lines.add(String.join(" ", amounts.get("currency").asString(),
                text(amounts.get("openAmount")), text(amounts.get("weightedAmount")),
                text(amounts.get("averageOpenDealSize")), text(amounts.get("averageWonDealSize")))));
        return lines;
    }

    private static String text(JsonNode value) {
        return value.isNull() ? "-" : value.asString();
    }

    @Test
    void eachOwnersOpenDealsAmountsAndBottleneckAreWorkedOutOverTheirDeals() {
        JsonNode workload = workload("", ADA);
        assertThat(workload.get("name").asString()).isEqualTo("Sales " + scenario.suffix);
        assertThat(owners(workload)).containsExactly("anna", "ben", "sam");

        JsonNode anna = owner(workload, "anna");
        assertThat(anna.get("openDeals").asLong()).isEqualTo(4);
        assertThat(anna.get("wonDeals").asLong()).isEqualTo(2);
        assertThat(stages(anna)).containsExactly("lead 0", "qualified 1 1000.00 EUR", "negotiation 1 800.00 USD",
                "proposal-sent 2 3100.00 EUR");
        // EUR: 1000 x 25 % + 3000 x 50 % + 100 x 50 %; 4100 / 3 open deals; (4000 + 2000) / 2 won deals.
        assertThat(amounts(anna)).containsExactly("EUR 4100.00 1800.00 1366.67 3000.00",
                "USD 800.00 520.00 800.00 -");
        assertThat(anna.get("bottleneck").get("stageId").asString()).isEqualTo("proposal-sent");
        assertThat(anna.get("bottleneck").get("name").asString()).isEqualTo("Proposal sent");
        assertThat(anna.get("bottleneck").get("count").asLong()).isEqualTo(2);

        JsonNode ben = owner(workload, "ben");
        assertThat(ben.get("openDeals").asLong()).isEqualTo(3);
        assertThat(ben.get("wonDeals").asLong()).as("a lost deal is not won").isZero();
        assertThat(stages(ben)).as("the removed stage last, as it still holds a deal").containsExactly(
                "lead 1 2000.00 EUR", "qualified 0", "negotiation 0", "proposal-sent 1 200.00 EUR",
                "contract-sent 1 1500.00 EUR");
        assertThat(ben.get("stages").get(4).get("position").isNull()).isTrue();
        assertThat(ben.get("stages").get(4).get("name").asString()).isEqualTo("Contract sent");
        // 2000 x 30 % (own) + 200 x 50 % + 1500 x 70 % (the removed stage's).
        assertThat(amounts(ben)).containsExactly("EUR 3700.00 1750.00 1233.33 -");
        assertThat(ben.get("bottleneck").get("stageId").asString()).as("a tie goes to the earlier stage")
                .isEqualTo("lead");

        JsonNode sam = owner(workload, "sam");
        assertThat(sam.get("openDeals").asLong()).as("delta went to anna").isEqualTo(1);
        assertThat(sam.get("amounts")).as("kappa has no amount").isEmpty();
        assertThat(sam.get("bottleneck").get("stageId").asString()).isEqualTo("lead");
    }

    @Test
    void managersSeeTheirTeamAdminsAndViewersEveryoneAndRepsThemselves() {
        assertThat(owners(workload("", MAX))).containsExactly("anna", "ben");
        assertThat(owners(workload("?teamId=north", MAX))).containsExactly("anna", "ben");
        assertThat(owners(workload("", NINA))).containsExactly("sam");
        assertThat(owners(workload("?teamId=north", ADA))).containsExactly("anna", "ben");
        assertThat(owners(workload("?teamId=south", VERA))).containsExactly("sam");
        assertThat(workload("?teamId=north", ADA).get("teamId").asString()).isEqualTo("north");
        assertThat(owners(workload("", ANNA))).containsExactly("anna");
        assertThat(owner(workload("", ANNA), "anna").get("amounts")).isEqualTo(
                owner(workload("", ADA), "anna").get("amounts"));
        assertThat(owners(workload("", SAM))).containsExactly("sam");

        ResponseEntity<JsonNode> otherTeam = get("/pipelines/" + scenario.pipelineId + "/workload?teamId=south", MAX);
        assertThat(otherTeam.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(otherTeam.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anUnknownPipelineIsANotFoundProblem() {
        ResponseEntity<JsonNode> response = get("/pipelines/no-such-pipeline/workload");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
