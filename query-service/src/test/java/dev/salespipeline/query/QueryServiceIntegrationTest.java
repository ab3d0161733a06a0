package dev.salespipeline.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import dev.salespipeline.api.Topics;
import dev.salespipeline.api.activity.ActivityReceived;
import dev.salespipeline.api.deal.ClientInfo;
import dev.salespipeline.api.deal.DealAmountChanged;
import dev.salespipeline.api.deal.DealDetails;
import dev.salespipeline.api.deal.DealDetailsEdited;
import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.deal.DealLost;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealReopened;
import dev.salespipeline.api.deal.DealTransferred;
import dev.salespipeline.api.deal.ExpectedCloseDateChanged;
import dev.salespipeline.api.deal.ProbabilityOverridden;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.PipelineTemplates;
import dev.salespipeline.testsupport.AuthorizationMatrix;
import dev.salespipeline.testsupport.AuthorizationMatrix.Request;
import dev.salespipeline.testsupport.Infrastructure;
import dev.salespipeline.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;

/**
 * The query side against real Kafka and the MongoDB wire protocol: events in, read models out,
 * duplicates ignored, unreadable records dead-lettered without stopping the partition.
 */
class QueryServiceIntegrationTest extends QueryServiceTestBase {

    private static String dealOpened(String dealId, String title, long sequence) {
        return dealOpened(dealId, "sales", title, sequence);
    }

    private static String dealOpened(String dealId, String pipelineId, String title, long sequence) {
        DealOpened event = new DealOpened(dealId, pipelineId, "lead", title, "anna", "north",
                Money.of("1500.00", "EUR"), MONDAY_MORNING);
        return JSON.writeValueAsString(new EventEnvelope<>(UUID.randomUUID().toString(), "DealOpened", 2, dealId,
                sequence, 1, MONDAY_MORNING, MONDAY_MORNING.plusSeconds(1), "rep-anna", "web", "c-1", event));
    }

    private JsonNode awaitDeal(String dealId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> get("/deals/" + dealId),
                response -> response.getStatusCode() == HttpStatus.OK).getBody();
    }

    @Test
    void anOpenedDealBecomesReadableAsItsCard() throws Exception {
        String dealId = "deal-" + UUID.randomUUID();

        publish(dealId, dealOpened(dealId, "Forty seats", 0));

        JsonNode card = awaitDeal(dealId);
        assertThat(card.get("title").asString()).isEqualTo("Forty seats");
        assertThat(card.get("pipelineId").asString()).isEqualTo("sales");
        assertThat(card.get("ownerId").asString()).isEqualTo("anna");
        assertThat(card.get("teamId").asString()).isEqualTo("north");
        assertThat(card.get("amount").get("amount").asString()).isEqualTo("1500.00");
        assertThat(card.get("openedAt").asString()).isEqualTo("2026-11-16T09:00:00Z");
        assertThat(card.get("version").asLong()).isZero();

        List<String> ids = new ArrayList<>();
        get("/pipelines/sales/deals?size=500").getBody().forEach(d -> ids.add(d.get("dealId").asString()));
        assertThat(ids).contains(dealId);
    }

    @Test
    void aRedeliveredEventChangesNothing() throws Exception {
        String dealId = "deal-" + UUID.randomUUID();
        publish(dealId, dealOpened(dealId, "Original title", 0));
        awaitDeal(dealId);

        // Same deal and sequence again (as after a republish), with a different title to make a change visible.
        publish(dealId, dealOpened(dealId, "Changed on redelivery", 0));
        String marker = "deal-" + UUID.randomUUID();
        publish(marker, dealOpened(marker, "Marker", 0));
        awaitDeal(marker);

        assertThat(get("/deals/" + dealId).getBody().get("title").asString()).isEqualTo("Original title");
    }

    @Test
    void unreadableRecordsGoToTheDeadLetterTopicAndTheNextEventIsStillProjected() throws Exception {
        String broken = "broken-" + UUID.randomUUID();
        String missingPayload = "broken-" + UUID.randomUUID();
        String dealId = "deal-" + UUID.randomUUID();

        publish(broken, "{not json");
        publish(missingPayload, "{\"eventId\":\"e\",\"type\":\"DealOpened\",\"version\":1,\"aggregateId\":\""
                + missingPayload + "\",\"aggregateSequence\":0,\"globalSequence\":1,"
                + "\"occurredAt\":\"2026-11-16T09:00:00Z\",\"recordedAt\":\"2026-11-16T09:00:00Z\","
                + "\"payload\":{\"dealId\":3}}");
        publish(dealId, dealOpened(dealId, "After the broken ones", 0));

        assertThat(awaitDeal(dealId).get("title").asString()).isEqualTo("After the broken ones");
        List<ConsumerRecord<String, String>> deadLetters = readDeadLetters(List.of(broken, missingPayload));
        assertThat(deadLetters).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(broken, missingPayload);
        for (ConsumerRecord<String, String> deadLetter : deadLetters) {
            Header reason = deadLetter.headers().lastHeader("kafka_dlt-exception-message");
            assertThat(reason).isNotNull();
            assertThat(new String(reason.value(), StandardCharsets.UTF_8)).isNotBlank();
        }
        assertThat(get("/deals/" + missingPayload).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    private static List<ConsumerRecord<String, String>> readDeadLetters(List<String> keys) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.PIPELINE_EVENTS + ".query-service.dlt"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (keys.contains(record.key())) {
                        found.add(record);
                    }
                });
                return found.size() >= keys.size();
            });
        }
        return found;
    }

    private static String amountChanged(String dealId, String from, String to, long sequence) {
        DealAmountChanged event = new DealAmountChanged(dealId, Money.of(from, "EUR"), Money.of(to, "EUR"),
                MONDAY_MORNING.plusSeconds(3600 * sequence));
        return JSON.writeValueAsString(new EventEnvelope<>(UUID.randomUUID().toString(), "DealAmountChanged", 1,
                dealId, sequence, 1, event.occurredAt(), event.occurredAt(), "anna", "web", "c-2", event));
    }

    @Test
    void laterEventsApplyInOrderAndOnlyOnce() throws Exception {
        String dealId = "deal-" + UUID.randomUUID();
        publish(dealId, dealOpened(dealId, "Forty seats", 0));
        publish(dealId, amountChanged(dealId, "1500.00", "2000.00", 1));
        publish(dealId, amountChanged(dealId, "2000.00", "2500.00", 2));
        // Redelivery of an older event, as after a republish: must not roll the amount back.
        publish(dealId, amountChanged(dealId, "1500.00", "2000.00", 1));
        String marker = "deal-" + UUID.randomUUID();
        publish(marker, dealOpened(marker, "Marker", 0));
        awaitDeal(marker);

        JsonNode card = get("/deals/" + dealId).getBody();
        assertThat(card.get("amount").get("amount").asString()).isEqualTo("2500.00");
        assertThat(card.get("version").asLong()).isEqualTo(2);
    }

    private static String envelope(Object event, String dealId, long sequence) {
        String type = event.getClass().getSimpleName();
        Instant at = MONDAY_MORNING.plusSeconds(3600 * sequence);
        return JSON.writeValueAsString(new EventEnvelope<>(UUID.randomUUID().toString(), type, 1, dealId, sequence,
                1, at, at, "anna", "web", "c-3", event));
    }

    @Test
    void theCardFollowsTheDealThroughItsStagesAndOutcome() throws Exception {
        String dealId = "deal-" + UUID.randomUUID();
        Instant at = MONDAY_MORNING;
        publish(dealId, dealOpened(dealId, "Forty seats", 0));
        publish(dealId, envelope(new DealMovedToStage(dealId, "sales", "lead", "proposal-sent", at), dealId, 1));
        publish(dealId, envelope(new DealDetailsEdited(dealId, new DealDetails("Forty seats", null, null, null),
                new DealDetails("Forty-two seats", new ClientInfo("Acme", "Jo", "Kim", null, null, "Retail"),
                        "referral", "Seats"), at), dealId, 2));
        publish(dealId, envelope(new ExpectedCloseDateChanged(dealId, null, LocalDate.parse("2026-12-15"), at),
                dealId, 3));
        publish(dealId, envelope(new ProbabilityOverridden(dealId, null, 35, at), dealId, 4));
        publish(dealId, envelope(new DealLost(dealId, "sales", "proposal-sent", "Price", "too dear", at), dealId, 5));
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/deals/" + dealId).getBody(),
                card -> card != null && card.has("version") && card.get("version").asLong() == 5);

        JsonNode lost = get("/deals/" + dealId).getBody();
        assertThat(lost.get("status").asString()).isEqualTo("LOST");
        assertThat(lost.get("lostReason").asString()).isEqualTo("Price");
        assertThat(lost.get("stageId").asString()).isEqualTo("proposal-sent");
        assertThat(lost.get("title").asString()).isEqualTo("Forty-two seats");
        assertThat(lost.get("client").get("decisionMaker").asString()).isEqualTo("Kim");
        assertThat(lost.get("expectedCloseDate").asString()).isEqualTo("2026-12-15");
        assertThat(lost.get("probabilityOverride").asInt()).isEqualTo(35);

        publish(dealId, envelope(new DealReopened(dealId, "sales", "proposal-sent", at), dealId, 6));
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/deals/" + dealId).getBody().get("version").asLong() == 6);
        JsonNode reopened = get("/deals/" + dealId).getBody();
        assertThat(reopened.get("status").asString()).isEqualTo("OPEN");
        assertThat(reopened.get("lostReason").isNull()).isTrue();

        publish(dealId, envelope(new DealHandedOver(dealId, "anna", "ben", "north", "north", "holiday", at), dealId, 7));
        publish(dealId, envelope(new DealTransferred(dealId, "sales", "proposal-sent", "legal", "review", at), dealId,
                8));
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/deals/" + dealId).getBody().get("version").asLong() == 8);
        JsonNode transferred = get("/deals/" + dealId).getBody();
        assertThat(transferred.get("ownerId").asString()).isEqualTo("ben");
        assertThat(transferred.get("pipelineId").asString()).isEqualTo("legal");
        assertThat(transferred.get("stageId").asString()).isEqualTo("review");
        assertThat(get("/deals/" + dealId, ANNA).getStatusCode()).as("the rights moved with the deal")
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("/deals/" + dealId, BEN).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void eachCallerSeesOnlyTheDealsTheirRoleAllows() throws Exception {
        String pipelineId = "pipeline-" + UUID.randomUUID();
        String annas = "deal-" + UUID.randomUUID();
        publish(annas, dealOpened(annas, pipelineId, "Anna's", 0));
        awaitDeal(annas);

        assertThat(get("/deals/" + annas, ANNA).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get("/deals/" + annas, MAX).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get("/deals/" + annas, VERA).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get("/deals/" + annas, BEN).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("/deals/" + annas, NINA).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("/deals/" + annas, TELEPHONY).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        String list = "/pipelines/" + pipelineId + "/deals";
        assertThat(get(list, ANNA).getBody()).hasSize(1);
        assertThat(get(list, MAX).getBody()).hasSize(1);
        assertThat(get(list, BEN).getBody()).isEmpty();
        assertThat(get(list, SAM).getBody()).isEmpty();
        assertThat(get(list, NINA).getBody()).isEmpty();
    }

    @Test
    void anIntegrationCannotReadAndABadTokenIsUnauthorized() {
        ResponseEntity<JsonNode> integration = get("/pipelines/sales/deals", TELEPHONY);
        assertThat(integration.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(integration.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

        for (String bad : List.of(TestTokens.user("anna").roles("rep").expired().token(),
                TestTokens.user("anna").roles("rep").signedByUntrustedKey().token())) {
            ResponseEntity<JsonNode> response = get("/pipelines/sales/deals", bad);
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(get("/pipelines/sales/deals", null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void everyEndpointAnswersEachKindOfCallerAsTheAuthorizationRulesSay() throws Exception {
        String dealId = "deal-" + UUID.randomUUID();
        publish(dealId, dealOpened(dealId, "Matrix", 0));
        awaitDeal(dealId);
        Map<String, Integer> readDeal = new HashMap<>(Map.of("anonymous", 401, "admin", 200, "manager", 200,
                "rep", 200, "viewer", 200, "integration", 403));
        readDeal.put("repOfAnotherTeam", 404);
        readDeal.put("managerOfAnotherTeam", 404);
        Map<String, Integer> listDeals = new HashMap<>(Map.of("anonymous", 401, "admin", 200, "manager", 200,
                "rep", 200, "viewer", 200, "integration", 403));
        listDeals.put("repOfAnotherTeam", 200);
        listDeals.put("managerOfAnotherTeam", 200);
        ActivityReceived annasCall = unmatchedCall("aircall", "matrix-" + UUID.randomUUID(), "anna", MONDAY_MORNING);
        publish(annasCall.activityId(), asPublished(annasCall, 0, "telephony"));
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/activities/" + annasCall.activityId()),
                response -> response.getStatusCode() == HttpStatus.OK);
        // A manager sees the unmatched activities of the owners of their team (anna's team is known from her deal).
        Map<String, Integer> readActivity = new HashMap<>(Map.of("anonymous", 401, "admin", 200, "manager", 200,
                "rep", 200, "viewer", 200, "integration", 403));
        readActivity.put("repOfAnotherTeam", 404);
        readActivity.put("managerOfAnotherTeam", 404);
        Map<String, Integer> listActivities = new HashMap<>(listDeals);
        // Metrics and the board and metric streams: every reading role; a board stream filters what each may see.
        Map<String, Integer> readLive = new HashMap<>(listDeals);
        String historyPipeline = "pipeline-" + UUID.randomUUID();
        publish(historyPipeline, asPublished(HistoryScript.salesPipeline(historyPipeline, "Matrix", MONDAY_MORNING), 0,
                "ada"));
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/pipelines/" + historyPipeline
                + "/board/as-of?at=" + MONDAY_MORNING), response -> response.getStatusCode() == HttpStatus.OK);
        String pipelineId = "pipeline-" + UUID.randomUUID();
        publish(pipelineId, asPublished(new PipelineDefined(pipelineId, "Matrix", PipelineTemplates.DEFAULT_STAGES,
                PipelineTemplates.DEFAULT_IDLE_LIMIT, PipelineTemplates.DEFAULT_LOST_REASONS, MONDAY_MORNING), 0, "ada"));
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/pipelines/" + pipelineId),
                response -> response.getStatusCode() == HttpStatus.OK);
        // Every reader gets an answer, filtered to what their role allows.
        Map<String, Integer> readPipelineViews = new HashMap<>(listDeals);

        AuthorizationMatrix.of("http://localhost:" + port)
                .caller("anonymous", null)
                .caller("admin", ADA)
                .caller("manager", MAX)
                .caller("rep", ANNA)
                .caller("viewer", VERA)
                .caller("integration", TELEPHONY)
                .caller("repOfAnotherTeam", SAM)
                .caller("managerOfAnotherTeam", NINA)
                .endpoint("GET /deals/{dealId}", () -> Request.get("/deals/" + dealId), readDeal)
                .endpoint("GET /pipelines/{pipelineId}/deals", () -> Request.get("/pipelines/sales/deals"), listDeals)
                .endpoint("GET /activities/{activityId}", () -> Request.get("/activities/" + annasCall.activityId()),
                        readActivity)
                .endpoint("GET /activities/unmatched", () -> Request.get("/activities/unmatched"), listActivities)
                .endpoint("GET /alerts/stalled-deals", () -> Request.get("/alerts/stalled-deals"), listDeals)
                .endpoint("GET /metrics/{metric}", () -> Request.get("/metrics/opened-deals"), readLive)
                .endpoint("GET /live/pipelines/{pipelineId}", () -> Request.get("/live/pipelines/sales"), readLive)
                .endpoint("GET /live/deals/{dealId}", () -> Request.get("/live/deals/" + dealId), readDeal)
                .endpoint("GET /live/metrics", () -> Request.get("/live/metrics"), readLive)
                .endpoint("GET /live/alerts/stalled-deals", () -> Request.get("/live/alerts/stalled-deals"), readLive)
                .endpoint("GET /deals/{dealId}/timeline", () -> Request.get("/deals/" + dealId + "/timeline"), readDeal)
                .endpoint("GET /pipelines/{pipelineId}/board/as-of", () -> Request.get("/pipelines/" + historyPipeline
                        + "/board/as-of?at=" + MONDAY_MORNING), listDeals)
                .endpoint("GET /pipelines/{pipelineId}/changes", () -> Request.get("/pipelines/" + historyPipeline
                        + "/changes?from=" + MONDAY_MORNING + "&to=" + MONDAY_MORNING.plusSeconds(3600)), listDeals)
                .endpoint("GET /pipelines", () -> Request.get("/pipelines"), readPipelineViews)
                .endpoint("GET /pipelines/{pipelineId}", () -> Request.get("/pipelines/" + pipelineId),
                        readPipelineViews)
                .endpoint("GET /pipelines/{pipelineId}/board", () -> Request.get("/pipelines/" + pipelineId + "/board"),
                        readPipelineViews)
                .endpoint("GET /pipelines/{pipelineId}/workload",
                        () -> Request.get("/pipelines/" + pipelineId + "/workload"), readPipelineViews)
                .endpoint("GET /pipelines/{pipelineId}/deals/without-next-action",
                        () -> Request.get("/pipelines/" + pipelineId + "/deals/without-next-action"), readPipelineViews)
                .endpoint("GET /tasks", () -> Request.get("/tasks"), readPipelineViews)
                .endpoint("GET /admin/dead-letters/{topic}",
                        () -> Request.get("/admin/dead-letters/pipeline.metrics.query-service.dlt"), adminOnly(200))
                // Beyond the topic's end: nothing is sent back.
                .endpoint("POST /admin/dead-letters/{topic}/redrive", () -> Request.post(
                        "/admin/dead-letters/pipeline.metrics.query-service.dlt/redrive?fromOffset=1000000"
                                + "&toOffset=1000000", null), adminOnly(200))
                // Last: the admin's call empties the read models and rebuilds them, which the rows above must not see.
                .endpoint("GET /admin/rebuild", () -> Request.get("/admin/rebuild"), adminOnly(200))
                .endpoint("POST /admin/rebuild", () -> Request.post("/admin/rebuild", null), adminOnly(202))
                .verify();
        // The admin's call rebuilt the read models: let it finish before the next test reads them.
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/admin/rebuild").getBody(),
                progress -> !progress.path("rebuilding").asBoolean());
        awaitAllConsumed();
    }

    private static Map<String, Integer> adminOnly(int allowed) {
        Map<String, Integer> statuses = new HashMap<>(Map.of("anonymous", 401, "admin", allowed, "manager", 403,
                "rep", 403, "viewer", 403, "integration", 403));
        statuses.put("repOfAnotherTeam", 403);
        statuses.put("managerOfAnotherTeam", 403);
        return statuses;
    }

    @Test
    void browsersMayCallOnlyFromTheConfiguredOriginsAndAnswersAreHardened() {
        ResponseEntity<Void> allowed = client().options().uri("/pipelines/sales/deals")
                .header("Origin", "https://pipeline.example.com")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .retrieve().toBodilessEntity();
        assertThat(allowed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(allowed.getHeaders().getAccessControlAllowOrigin()).isEqualTo("https://pipeline.example.com");

        ResponseEntity<Void> refused = client().options().uri("/pipelines/sales/deals")
                .header("Origin", "https://elsewhere.example.org")
                .header("Access-Control-Request-Method", "GET")
                .retrieve().toBodilessEntity();
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getHeaders().getAccessControlAllowOrigin()).isNull();

        ResponseEntity<JsonNode> answer = get("/pipelines/sales/deals", ANNA);
        assertThat(answer.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer.getHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(answer.getHeaders().getCacheControl()).contains("no-store");
    }

    @Test
    void anUnknownDealIsANotFoundProblem() {
        ResponseEntity<JsonNode> response = get("/deals/no-such-deal");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("detail").asString()).contains("no-such-deal");
    }

    @Test
    void anOutOfRangePageSizeIsABadRequestProblem() {
        ResponseEntity<JsonNode> response = get("/pipelines/sales/deals?size=100000");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void healthCoversMongoAndKafka() {
        assertThat(get("/actuator/health", null).getBody().has("components")).isFalse();
        JsonNode health = get("/actuator/health").getBody();

        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("mongo").get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("kafka").get("status").asString()).isEqualTo("UP");
        assertThat(Arrays.asList("/deals/{dealId}", "/pipelines/{pipelineId}/deals", "/activities/unmatched",
                "/activities/{activityId}", "/pipelines", "/pipelines/{pipelineId}", "/pipelines/{pipelineId}/board",
                "/pipelines/{pipelineId}/workload", "/pipelines/{pipelineId}/deals/without-next-action", "/tasks"))
                .allMatch(path -> get("/v3/api-docs").getBody().get("paths").has(path));
    }
}
