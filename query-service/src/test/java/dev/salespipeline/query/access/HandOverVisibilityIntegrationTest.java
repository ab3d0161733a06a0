package dev.salespipeline.query.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.salespipeline.api.Topics;
import dev.salespipeline.api.alerts.AlertStatus;
import dev.salespipeline.api.alerts.StallReason;
import dev.salespipeline.api.alerts.StalledDealAlert;
import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.deal.TaskScheduled;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.StageDefinition;
import dev.salespipeline.query.live.SseClient;
import tools.jackson.databind.JsonNode;

/**
 * An admin hands rep anna's deal over to rep sam of team south: from then on anna loses it and sam has it, on the
 * card, the timeline, the live streams and their replays, and in the metric rows that list it.
 */
class HandOverVisibilityIntegrationTest extends VisibilityTestBase {

    private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);


    private static String paymentPlan(String pipelineId, String ownerId, String dealId, String dealOwner) {
        LocalDate weekEnd = TODAY.plusDays(7 - TODAY.getDayOfWeek().getValue());
        String total = "[{\"currency\":\"EUR\",\"deals\":1,\"amount\":\"4200.00\",\"weightedAmount\":\"420.00\"}]";
        return "{\"pipelineId\":\"" + pipelineId + "\",\"ownerId\":" + (ownerId == null ? "null" : "\"" + ownerId + "\"")
                + ",\"today\":\"" + TODAY + "\",\"tomorrow\":\"" + TODAY.plusDays(1) + "\",\"weekEnd\":\"" + weekEnd
                + "\",\"tomorrowTotals\":" + total + ",\"thisWeekTotals\":[],\"deals\":[{\"dealId\":\"" + dealId
                + "\",\"ownerId\":\"" + dealOwner + "\",\"expectedCloseDate\":\"" + TODAY.plusDays(1)
                + "\",\"amount\":{\"amount\":\"4200.00\",\"currency\":\"EUR\"},\"probability\":10,"
                + "\"weightedAmount\":\"420.00\"}]}";
    }

    private static List<String> names(SseClient stream, Duration quiet) throws InterruptedException {
        List<String> names = new ArrayList<>();
        for (SseClient.Event event = stream.next(quiet); event != null; event = stream.next(quiet)) {
            names.add(event.name());
        }
        return names;
    }

    private JsonNode planDeals(String pipelineId, String token) {
        JsonNode all = get("/metrics/payment-plan?pipelineId=" + pipelineId, token).getBody();
        for (JsonNode row : all) {
            if (row.get("key").asString().endsWith("|*")) {
                return row.get("value").get("deals");
            }
        }
        throw new AssertionError("no payment plan of all owners for " + token);
    }

    @Test
    void theRightsMoveWithTheDealEverywhere() throws Exception {
        String pipeline = "handover-" + UUID.randomUUID();
        String deal = "deal-handover-" + UUID.randomUUID();
        String before = VisibilityFixture.positionNow(List.of(Topics.PIPELINE_EVENTS));
        event(new PipelineDefined(pipeline, "Hand-over", List.of(new StageDefinition("lead", "Lead", 10, null, null)),
                Duration.ofDays(30), List.of("Price"), AT), 0);
        event(new DealOpened(deal, pipeline, "lead", "Anna's deal", "anna", "north", Money.of("4200.00", "EUR"), AT), 0);
        awaitAllConsumed();
        fixture.publish(Topics.METRICS_PAYMENT_PLAN, pipeline + "|*", paymentPlan(pipeline, null, deal, "anna"));
        fixture.publish(Topics.METRICS_PAYMENT_PLAN, pipeline + "|anna", paymentPlan(pipeline, "anna", deal, "anna"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                get("/metrics/payment-plan?pipelineId=" + pipeline, ADA).getBody().size() == 2);

        assertThat(get("/deals/" + deal, ANNA).getStatusCode().value()).isEqualTo(200);
        assertThat(get("/deals/" + deal + "/timeline", ANNA).getStatusCode().value()).isEqualTo(200);
        assertThat(get("/deals/" + deal, SAM).getStatusCode().value()).isEqualTo(404);
        assertThat(get("/deals/" + deal + "/timeline", SAM).getStatusCode().value()).isEqualTo(404);
        assertThat(planDeals(pipeline, ANNA)).hasSize(1);
        assertThat(planDeals(pipeline, SAM)).isEmpty();

        try (SseClient annasDeal = SseClient.connect(url("/live/deals/" + deal), ANNA, null);
             SseClient annasBoard = SseClient.connect(url("/live/pipelines/" + pipeline), ANNA, null);
             SseClient samsBoard = SseClient.connect(url("/live/pipelines/" + pipeline), SAM, null)) {
            assertThat(annasDeal.status()).isEqualTo(200);
            assertThat(annasBoard.status()).isEqualTo(200);
            assertThat(samsBoard.status()).isEqualTo(200);

            event(new DealHandedOver(deal, "anna", "sam", "north", "south", "Territory", AT.plusSeconds(60)), 1);
            event(new TaskScheduled(deal, "task-" + UUID.randomUUID(), "Call sam's new client", AT.plusSeconds(7200),
                    AT.plusSeconds(120)), 2);
            awaitAllConsumed();

            SseClient.Event first = samsBoard.next(Duration.ofSeconds(10));
            SseClient.Event second = samsBoard.next(Duration.ofSeconds(10));
            assertThat(first.name()).isEqualTo("DealHandedOver");
            assertThat(second.name()).isEqualTo("TaskScheduled");
            assertThat(names(annasBoard, Duration.ofSeconds(1))).as("anna's board hears the deal leave, then nothing")
                    .containsExactly("DealHandedOver");
            assertThat(names(annasDeal, Duration.ofSeconds(1))).as("anna's open timeline stream too")
                    .containsExactly("DealHandedOver");
        }

        assertThat(get("/deals/" + deal, ANNA).getStatusCode().value()).isEqualTo(404);
        assertThat(get("/deals/" + deal + "/timeline", ANNA).getStatusCode().value()).isEqualTo(404);
        assertThat(get("/deals/" + deal, SAM).getStatusCode().value()).isEqualTo(200);
        assertThat(get("/deals/" + deal + "/timeline", SAM).getBody().get("entries")).hasSize(3);
        assertThat(get("/deals/" + deal, NINA).getStatusCode().value()).as("south's manager").isEqualTo(200);
        assertThat(get("/deals/" + deal, MAX).getStatusCode().value()).as("north's manager").isEqualTo(404);

        try (SseClient annas = SseClient.connect(url("/live/deals/" + deal), ANNA, before);
             SseClient sams = SseClient.connect(url("/live/deals/" + deal), SAM, before);
             SseClient annasBoard = SseClient.connect(url("/live/pipelines/" + pipeline), ANNA, before)) {
            assertThat(annas.status()).as("as reading the deal").isEqualTo(404);
            assertThat(sams.status()).isEqualTo(200);
            assertThat(names(sams, Duration.ofSeconds(2))).as("sam's replay: the deal's whole history")
                    .containsExactly("DealOpened", "DealHandedOver", "TaskScheduled");
            assertThat(names(annasBoard, Duration.ofSeconds(2)))
                    .as("anna's replay of the board: the pipeline, and the deal leaving her; nothing else of it")
                    .containsExactlyInAnyOrder("PipelineDefined", "DealHandedOver");
        }

        // streams-analytics has not written the rows again yet: the deal listed as anna's is cut by who holds it now.
        assertThat(planDeals(pipeline, ANNA)).isEmpty();
        assertThat(planDeals(pipeline, SAM)).hasSize(1);
        fixture.publish(Topics.METRICS_PAYMENT_PLAN, pipeline + "|sam", paymentPlan(pipeline, "sam", deal, "sam"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                get("/metrics/payment-plan?pipelineId=" + pipeline, ADA).getBody().size() == 3);
        assertThat(get("/metrics/payment-plan?pipelineId=" + pipeline + "&ownerId=sam", SAM).getBody()).hasSize(1);
        assertThat(get("/metrics/payment-plan?pipelineId=" + pipeline + "&ownerId=sam", NINA).getBody()).hasSize(1);
        assertThat(get("/metrics/payment-plan?pipelineId=" + pipeline + "&ownerId=sam", MAX).getBody()).isEmpty();
        assertThat(get("/metrics/payment-plan?pipelineId=" + pipeline + "&ownerId=sam", ANNA).getBody()).isEmpty();
        JsonNode annasOwnRow = get("/metrics/payment-plan?pipelineId=" + pipeline + "&ownerId=anna", ANNA).getBody();
        assertThat(annasOwnRow).as("her own row, until it is written again").hasSize(1);
        assertThat(annasOwnRow.get(0).get("value").get("deals")).as("without the deal she no longer holds").isEmpty();
        assertThat(annasOwnRow.get(0).get("value").get("tomorrowTotals")).isEmpty();
    }

    @Test
    void aStalledDealAlertIsReadByWhoeverHoldsTheDealNowWhicheverArrivesFirst() throws Exception {
        String pipeline = "handover-alerts-" + UUID.randomUUID();
        String raisedBefore = "deal-alert-before-" + UUID.randomUUID();
        String raisedAfter = "deal-alert-after-" + UUID.randomUUID();
        event(new PipelineDefined(pipeline, "Hand-over", List.of(new StageDefinition("lead", "Lead", 10, null, null)),
                Duration.ofDays(30), List.of("Price"), AT), 0);
        event(new DealOpened(raisedBefore, pipeline, "lead", "Stalled", "anna", "north", null, AT), 0);
        event(new DealOpened(raisedAfter, pipeline, "lead", "Stalled later", "anna", "north", null, AT), 0);
        awaitAllConsumed();
        fixture.publish(Topics.ALERTS_STALLED_DEALS, raisedBefore, JSON.writeValueAsString(alert(raisedBefore, pipeline)));
        await().atMost(Duration.ofSeconds(30)).until(() -> alerted(pipeline, ANNA).contains(raisedBefore));

        event(new DealHandedOver(raisedBefore, "anna", "sam", "north", "south", "Territory", AT.plusSeconds(60)), 1);
        event(new DealHandedOver(raisedAfter, "anna", "sam", "north", "south", "Territory", AT.plusSeconds(60)), 1);
        awaitAllConsumed();
        // An alert written by streams-analytics before it folded the hand-over still names anna.
        fixture.publish(Topics.ALERTS_STALLED_DEALS, raisedAfter, JSON.writeValueAsString(alert(raisedAfter, pipeline)));
        await().atMost(Duration.ofSeconds(30)).until(() -> alerted(pipeline, ADA).size() == 2);

        assertThat(alerted(pipeline, ANNA)).isEmpty();
        assertThat(alerted(pipeline, MAX)).as("north's manager").isEmpty();
        assertThat(alerted(pipeline, SAM)).containsExactlyInAnyOrder(raisedBefore, raisedAfter);
        assertThat(alerted(pipeline, NINA)).as("south's manager").containsExactlyInAnyOrder(raisedBefore, raisedAfter);
    }

    private static StalledDealAlert alert(String dealId, String pipelineId) {
        return new StalledDealAlert(dealId, pipelineId, "lead", "anna", "north", AlertStatus.RAISED,
                StallReason.STAGE_TIME_LIMIT, AT.plusSeconds(30), Duration.ofDays(10), AT.plusSeconds(40), null);
    }

    private List<String> alerted(String pipeline, String token) {
        List<String> deals = new ArrayList<>();
        get("/alerts/stalled-deals?pipelineId=" + pipeline, token).getBody()
                .forEach(alert -> deals.add(alert.path("dealId").asString()));
        return deals;
    }
}
