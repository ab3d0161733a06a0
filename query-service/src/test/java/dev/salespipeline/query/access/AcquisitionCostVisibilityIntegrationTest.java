package dev.salespipeline.query.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import dev.salespipeline.api.Topics;
import dev.salespipeline.api.metrics.AcquisitionCost;
import dev.salespipeline.api.metrics.PeriodType;
import tools.jackson.databind.JsonNode;

/**
 * Acquisition cost is a money figure of a whole pipeline: {@code GET /metrics/acquisition-cost} shows its rows to
 * admins, viewers and managers of any team, and none to reps, with the exact decimals streams-analytics wrote.
 */
class AcquisitionCostVisibilityIntegrationTest extends VisibilityTestBase {

    private static final String PIPELINE = "spend-" + UUID.randomUUID();

    @Test
    void adminsViewersAndManagersSeeTheRowsAndRepsNone() throws Exception {
        fixture.publish(Topics.METRICS_ACQUISITION_COST,
                AcquisitionCost.key(PIPELINE, "referral", PeriodType.MONTH, "2026-11", "EUR"),
                "{\"pipelineId\":\"" + PIPELINE + "\",\"sourceChannel\":\"referral\",\"periodType\":\"MONTH\","
                        + "\"period\":\"2026-11\",\"currency\":\"EUR\",\"spend\":\"1200.00\",\"dealsOpened\":3,"
                        + "\"dealsWon\":0,\"costPerLead\":\"400.00\",\"costPerWonDeal\":null}");
        fixture.publish(Topics.METRICS_ACQUISITION_COST,
                AcquisitionCost.key(PIPELINE, null, PeriodType.QUARTER, "2026-Q4", "EUR"),
                "{\"pipelineId\":\"" + PIPELINE + "\",\"sourceChannel\":null,\"periodType\":\"QUARTER\","
                        + "\"period\":\"2026-Q4\",\"currency\":\"EUR\",\"spend\":\"2100.00\",\"dealsOpened\":4,"
                        + "\"dealsWon\":1,\"costPerLead\":\"525.00\",\"costPerWonDeal\":\"2100.00\"}");
        String path = "/metrics/acquisition-cost?pipelineId=" + PIPELINE;
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode rows = get(path, ADA).getBody();
            return rows != null && rows.size() == 2;
        });

        for (String token : new String[] {ADA, VERA, MAX, NINA}) {
            ResponseEntity<JsonNode> seen = get(path, token);
            assertThat(seen.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(seen.getBody()).hasSize(2);
        }
        JsonNode month = get(path + "&sourceChannel=referral&periodType=MONTH", MAX).getBody();
        assertThat(month).hasSize(1);
        assertThat(month.get(0).get("value").get("costPerLead").asString()).isEqualTo("400.00");
        assertThat(month.get(0).get("value").get("costPerWonDeal").isNull()).isTrue();

        for (String token : new String[] {ANNA, SAM}) {
            ResponseEntity<JsonNode> seen = get(path, token);
            assertThat(seen.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(seen.getBody()).as("what a rep sees of the pipeline's acquisition cost").isEmpty();
        }
    }
}
