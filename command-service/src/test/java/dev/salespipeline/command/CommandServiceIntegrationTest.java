package dev.salespipeline.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import dev.salespipeline.api.activity.ActivityIds;
import dev.salespipeline.api.activity.ActivityKind;
import dev.salespipeline.api.activity.ActivityMatch;
import dev.salespipeline.api.activity.ReceiveActivity;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.command.pipeline.PipelineAuthorizationRows;
import dev.salespipeline.testsupport.AuthorizationMatrix;
import dev.salespipeline.testsupport.AuthorizationMatrix.Request;
import dev.salespipeline.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;

/**
 * The command side against real servers: REST in, event stored by Axon in PostgreSQL, envelope
 * published to Kafka; and what happens to each kind of bad request.
 */
class CommandServiceIntegrationTest extends CommandServiceTestBase {

    @Test
    void anOpenedDealIsStoredAndPublishedAsTheDocumentedEnvelope() {
        String dealId = "deal-" + UUID.randomUUID();

        ResponseEntity<JsonNode> response = post("/deals", openDeal(dealId),
                Map.of("Authorization", "Bearer " + ANNA, "X-Correlation-Id", "corr-" + dealId));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(response.getHeaders().getETag()).isEqualTo("\"0\"");
        assertThat(response.getHeaders().getLocation()).hasToString("/deals/" + dealId);
        assertThat(response.getBody().get("dealId").asString()).isEqualTo(dealId);

        Map<String, Object> row = jdbc.queryForMap(
                "select payloadtype, payloadrevision, sequencenumber from domainevententry where aggregateidentifier = ?",
                dealId);
        assertThat(row).containsEntry("payloadtype", "dev.salespipeline.api.deal.DealOpened")
                .containsEntry("payloadrevision", "2")
                .containsEntry("sequencenumber", 0L);

        JsonNode envelope = awaitPublished(dealId);
        assertThat(envelope.get("type").asString()).isEqualTo("DealOpened");
        assertThat(envelope.get("version").asInt()).isEqualTo(2);
        assertThat(envelope.get("aggregateId").asString()).isEqualTo(dealId);
        assertThat(envelope.get("aggregateSequence").asLong()).isZero();
        assertThat(envelope.get("globalSequence").asLong()).isPositive();
        assertThat(envelope.get("occurredAt").asString()).isEqualTo("2026-11-16T09:00:00Z");
        assertThat(Instant.parse(envelope.get("recordedAt").asString()))
                .isCloseTo(Instant.now(), new org.assertj.core.data.TemporalUnitWithinOffset(1, ChronoUnit.MINUTES));
        assertThat(envelope.get("actor").asString()).isEqualTo("anna");
        assertThat(envelope.get("source").asString()).isEqualTo("api");
        assertThat(envelope.get("correlationId").asString()).isEqualTo("corr-" + dealId);
        JsonNode payload = envelope.get("payload");
        assertThat(payload.get("title").asString()).isEqualTo("Forty seats");
        assertThat(payload.get("amount").get("amount").asString()).isEqualTo("1500.00");
        assertThat(payload.get("amount").get("currency").asString()).isEqualTo("EUR");
    }

    @Test
    void openingTheSameDealTwiceIsAConflictAndStoresNothingMore() {
        String dealId = "deal-" + UUID.randomUUID();
        assertThat(post("/deals", openDeal(dealId), bearer(ANNA)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);

        ResponseEntity<JsonNode> again = post("/deals", openDeal(dealId), bearer(ANNA));

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(storedEvents(dealId)).isEqualTo(1);
    }

    @Test
    void anInvalidBodyIsAProblemListingEachFieldAndStoresNothing() {
        String dealId = "deal-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("dealId", dealId, "pipelineId", "sales", "stageId", "lead",
                "title", " ", "ownerId", "anna", "amount", "-5");

        ResponseEntity<JsonNode> response = post("/deals", body, bearer(ANNA));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        List<String> fields = new ArrayList<>();
        response.getBody().get("errors").forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).contains("title", "amount", "amountComplete");
        assertThat(storedEvents(dealId)).isZero();
    }

    @Test
    void aRequestWithoutAValidTokenIsUnauthorizedAndStoresNothing() {
        String dealId = "deal-" + UUID.randomUUID();
        List<Map<String, String>> badCredentials = List.of(
                Map.of(),
                bearer(TestTokens.user("anna").roles("rep").team("north").expired().token()),
                bearer(TestTokens.user("anna").roles("rep").team("north").signedByUntrustedKey().token()),
                bearer("not-a-jwt"));

        for (Map<String, String> credentials : badCredentials) {
            ResponseEntity<JsonNode> response = post("/deals", openDeal(dealId), credentials);

            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
            assertThat(response.getBody().get("status").asInt()).isEqualTo(401);
        }
        assertThat(storedEvents(dealId)).isZero();
    }

    @Test
    void aRepCannotChangeAnotherRepsDeal() {
        String dealId = annasDeal();

        ResponseEntity<JsonNode> response = put("/deals/" + dealId + "/amount",
                Map.of("amount", "1.00", "currency", "EUR"), bearer(BEN));

        assertThat(response.getStatusCode()).as("he may not see it: as if it did not exist")
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().toString()).doesNotContain("anna");

        ResponseEntity<JsonNode> viewer = put("/deals/" + dealId + "/amount",
                Map.of("amount", "1.00", "currency", "EUR"), bearer(VERA));
        assertThat(viewer.getStatusCode()).as("a viewer sees it and changes nothing").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(storedEvents(dealId)).isEqualTo(1);
    }

    @Test
    void aManagerOfAnotherTeamCannotChangeTheDealButTheTeamsManagerCan() {
        String dealId = annasDeal();
        Map<String, Object> body = Map.of("amount", "900.00", "currency", "EUR");

        assertThat(put("/deals/" + dealId + "/amount", body, bearer(NINA)).getStatusCode())
                .as("she may not see it: as if it did not exist").isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(storedEvents(dealId)).isEqualTo(1);

        assertThat(put("/deals/" + dealId + "/amount", body, bearer(MAX)).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(storedEvents(dealId)).isEqualTo(2);
        Map<String, Object> metadataOfChange = jdbc.queryForMap(
                "select convert_from(metadata, 'UTF8') as metadata from domainevententry "
                        + "where aggregateidentifier = ? and sequencenumber = 1", dealId);
        JsonNode recorded = JSON.readTree((String) metadataOfChange.get("metadata"));
        assertThat(recorded.get("actor").asString()).isEqualTo("max");
        assertThat(recorded.get("team").asString()).isEqualTo("north");
        assertThat(recorded.get("roles").asString()).isEqualTo("manager");
    }

    @Test
    void anIntegrationCannotSendDealCommands() {
        String dealId = "deal-" + UUID.randomUUID();

        ResponseEntity<JsonNode> response = post("/deals", openDeal(dealId), bearer(TELEPHONY));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(storedEvents(dealId)).isZero();
    }

    @Test
    void changingTheAmountOfAnUnknownDealIsNotFound() {
        ResponseEntity<JsonNode> response = put("/deals/no-such-deal/amount",
                Map.of("amount", "1.00", "currency", "EUR"), bearer(ADA));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void everyEndpointAnswersEachKindOfCallerAsTheAuthorizationRulesSay() throws Exception {
        String fixture = annasDeal();
        Map<String, Integer> open = statuses(201);
        // Callers who may not see anna's deal are answered as if it did not exist.
        Map<String, Integer> change = statuses(200);
        change.put("repOfAnotherTeam", 404);
        change.put("managerOfAnotherTeam", 404);
        // Attaching names a deal in the body: one the caller may not see is refused as an unknown deal.
        Map<String, Integer> attach = statuses(200);
        attach.put("repOfAnotherTeam", 422);
        attach.put("managerOfAnotherTeam", 422);

        AuthorizationMatrix matrix = AuthorizationMatrix.of("http://localhost:" + port);
        // Pipelines: read by everyone who works with deals, changed by admins only.
        Map<String, String> roles = new java.util.HashMap<>(Map.of("anonymous", PipelineAuthorizationRows.ANONYMOUS,
                "admin", "admin", "manager", "manager", "rep", "rep", "viewer", "viewer",
                "integration", "integration"));
        roles.put("repOfAnotherTeam", "rep");
        roles.put("managerOfAnotherTeam", "manager");
        for (PipelineAuthorizationRows.Row row : PipelineAuthorizationRows.of("http://localhost:" + port, ADA).rows()) {
            matrix.endpoint(row.operation(), () -> {
                PipelineAuthorizationRows.Call call = row.call().get();
                return new Request(call.method(), call.path(), call.jsonBody());
            }, row.expected(roles));
        }
        // Sales targets: set and withdrawn by admins and by the manager of the target's team, listed by everyone
        // who works with deals (each sees the targets they may see). Each PUT sets a new owner target in team
        // north; each DELETE withdraws one the admin has just set.
        Map<String, Integer> manageTarget = statuses(200);
        manageTarget.put("rep", 403);
        // An existing target of team north: another team's manager may not see it.
        Map<String, Integer> withdrawTarget = new java.util.HashMap<>(manageTarget);
        withdrawTarget.put("managerOfAnotherTeam", 404);
        Map<String, Integer> listTargets = new java.util.HashMap<>(Map.of("anonymous", 401, "admin", 200,
                "manager", 200, "rep", 200, "viewer", 200, "integration", 403));
        listTargets.put("repOfAnotherTeam", 200);
        listTargets.put("managerOfAnotherTeam", 200);
        String targets = "/pipelines/" + PIPELINE + "/targets";
        String ownerTargetInNorth = "{\"amount\":\"90000.00\",\"currency\":\"EUR\",\"teamId\":\"north\"}";
        matrix.endpoint("PUT /pipelines/{pipelineId}/targets/{subjectType}/{subjectId}/{period}", () -> Request.put(
                        targets + "/owner/rep-" + UUID.randomUUID() + "/2026-Q4", ownerTargetInNorth), manageTarget)
                .endpoint("DELETE /pipelines/{pipelineId}/targets/{subjectType}/{subjectId}/{period}", () -> {
                    String target = targets + "/owner/rep-" + UUID.randomUUID() + "/2026-Q4";
                    assertThat(put(target, Map.of("amount", "90000.00", "currency", "EUR", "teamId", "north"),
                            bearer(ADA)).getStatusCode()).isEqualTo(HttpStatus.OK);
                    return Request.delete(target);
                }, withdrawTarget)
                .endpoint("GET /pipelines/{pipelineId}/targets", () -> Request.get(targets + "?period=2026-Q4"),
                        listTargets);
        // Marketing spend: a pipeline's money figure, set and withdrawn by admins and managers of any team, listed by
        // them and viewers; reps do neither. Each PUT sets the spend of a new channel; each DELETE withdraws one the
        // admin has just set.
        Map<String, Integer> manageSpend = statuses(200);
        manageSpend.put("rep", 403);
        manageSpend.put("managerOfAnotherTeam", 200);
        Map<String, Integer> listSpend = new java.util.HashMap<>(manageSpend);
        listSpend.put("viewer", 200);
        String spend = "/pipelines/" + PIPELINE + "/marketing-spend";
        String amount = "{\"amount\":\"1200.00\",\"currency\":\"EUR\"}";
        matrix.endpoint("PUT /pipelines/{pipelineId}/marketing-spend/{channel}/{period}", () -> Request.put(
                        spend + "/ch-" + UUID.randomUUID() + "/2026-11", amount), manageSpend)
                .endpoint("DELETE /pipelines/{pipelineId}/marketing-spend/{channel}/{period}", () -> {
                    String channel = spend + "/ch-" + UUID.randomUUID() + "/2026-Q4";
                    assertThat(put(channel, Map.of("amount", "1200.00", "currency", "EUR"), bearer(ADA))
                            .getStatusCode()).isEqualTo(HttpStatus.OK);
                    return Request.delete(channel);
                }, manageSpend)
                .endpoint("GET /pipelines/{pipelineId}/marketing-spend", () -> Request.get(spend + "?period=2026-11"),
                        listSpend);
        // Speech dictionaries: what every call of the company is checked for, set and withdrawn by admins, listed by
        // them, managers (of any team) and viewers. Each PUT sets a new list; each DELETE withdraws one the admin has
        // just set.
        Map<String, Integer> listDictionaries = adminOnly(200);
        listDictionaries.put("manager", 200);
        listDictionaries.put("managerOfAnotherTeam", 200);
        listDictionaries.put("viewer", 200);
        String phrases = "{\"phrases\":[\"matrix phrase\"]}";
        matrix.endpoint("PUT /speech-dictionaries/{language}/{list}", () -> Request.put(
                        "/speech-dictionaries/en/matrix-" + UUID.randomUUID().toString().substring(0, 8), phrases), adminOnly(200))
                .endpoint("DELETE /speech-dictionaries/{language}/{list}", () -> {
                    String dictionary = "/speech-dictionaries/en/matrix-" + UUID.randomUUID().toString().substring(0, 8);
                    assertThat(put(dictionary, Map.of("phrases", List.of("matrix phrase")), bearer(ADA))
                            .getStatusCode()).isEqualTo(HttpStatus.OK);
                    return Request.delete(dictionary);
                }, adminOnly(200))
                .endpoint("GET /speech-dictionaries", () -> Request.get("/speech-dictionaries"), listDictionaries);
        matrix.caller("anonymous", null)
                .caller("admin", ADA)
                .caller("manager", MAX)
                .caller("rep", ANNA)
                .caller("viewer", VERA)
                .caller("integration", TELEPHONY)
                .caller("repOfAnotherTeam", SAM)
                .caller("managerOfAnotherTeam", NINA)
                // Each caller opens a deal owned by anna in team north: only anna, her manager and an admin may.
                .endpoint("POST /deals", () -> Request.post("/deals", JSON.writeValueAsString(
                        openDeal("deal-" + UUID.randomUUID()))), open)
                .endpoint("PUT /deals/{dealId}/amount", () -> Request.put("/deals/" + fixture + "/amount",
                        "{\"amount\":\"" + (1 + RANDOM.nextInt(10_000)) + ".00\",\"currency\":\"EUR\"}"), change)
                .endpoint("PUT /deals/{dealId}/details", () -> Request.put("/deals/" + fixture + "/details",
                        "{\"title\":\"Seats " + RANDOM.nextInt(10_000) + "\"}"), change)
                .endpoint("PUT /deals/{dealId}/expected-close-date", () -> Request.put(
                        "/deals/" + fixture + "/expected-close-date", "{\"expectedCloseDate\":\"2027-0"
                                + (1 + RANDOM.nextInt(9)) + "-15\"}"), change)
                .endpoint("PUT /deals/{dealId}/probability", () -> Request.put("/deals/" + fixture + "/probability",
                        "{\"probability\":" + RANDOM.nextInt(101) + "}"), change)
                .endpoint("DELETE /deals/{dealId}/probability", () -> Request.delete(
                        "/deals/" + fixture + "/probability"), change)
                .endpoint("PUT /deals/{dealId}/stage", () -> Request.put("/deals/" + fixture + "/stage",
                        "{\"stageId\":\"" + (RANDOM.nextBoolean() ? "lead" : "qualified") + "\"}"), change)
                // Closing and reopening: each caller gets a deal of its own in the right state.
                .endpoint("PUT /deals/{dealId}/outcome", () -> Request.put("/deals/" + annasDeal() + "/outcome",
                        "{\"outcome\":\"LOST\",\"reason\":\"Price\"}"), change)
                .endpoint("GET /deals/{dealId}/history", () -> Request.get("/deals/" + fixture + "/history"),
                        readDeal())
                .endpoint("GET /history", () -> Request.get("/history?actor=anna&from=2026-10-01T00:00:00Z"
                        + "&to=2026-12-31T00:00:00Z"), readChangesOfAnna())
                .endpoint("DELETE /deals/{dealId}/outcome", () -> Request.delete("/deals/" + annasLostDeal()
                        + "/outcome"), change)
                .endpoint("PUT /deals/{dealId}/owner", () -> Request.put("/deals/" + fixture + "/owner",
                        "{\"ownerId\":\"anna\"}"), change)
                .endpoint("PUT /deals/{dealId}/pipeline", () -> Request.put("/deals/" + annasDeal() + "/pipeline",
                        "{\"pipelineId\":\"" + otherPipeline() + "\",\"stageId\":\"lead\"}"), change)
                .endpoint("POST /deals/{dealId}/tasks", () -> Request.post("/deals/" + fixture + "/tasks",
                        "{\"title\":\"Call Kim\",\"dueAt\":\"2026-12-01T09:00:00Z\"}"), change)
                .endpoint("PUT /deals/{dealId}/tasks/{taskId}/status", () -> Request.put("/deals/" + fixture
                        + "/tasks/" + annasTask(fixture) + "/status", "{\"status\":\"DONE\"}"), change)
                .endpoint("PUT /deals/{dealId}/tasks/{taskId}/due-at", () -> Request.put("/deals/" + fixture
                        + "/tasks/" + annasTask(fixture) + "/due-at", "{\"dueAt\":\"2026-12-02T09:00:00Z\"}"), change)
                .endpoint("POST /deals/{dealId}/calls", () -> Request.post("/deals/" + fixture + "/calls",
                        "{\"direction\":\"OUTBOUND\",\"startedAt\":\"2026-11-16T10:00:00Z\",\"durationSeconds\":60,"
                                + "\"answered\":true}"), change)
                .endpoint("POST /deals/{dealId}/emails", () -> Request.post("/deals/" + fixture + "/emails",
                        "{\"direction\":\"OUTBOUND\",\"sentAt\":\"2026-11-16T10:00:00Z\",\"subject\":\"Offer\"}"),
                        change)
                .endpoint("PUT /deals/{dealId}/emails/{emailId}/opened-at", () -> Request.put("/deals/" + fixture
                        + "/emails/" + annasEmail(fixture) + "/opened-at", "{\"openedAt\":\"2026-11-16T11:00:00Z\"}"),
                        change)
                .endpoint("POST /deals/{dealId}/meetings", () -> Request.post("/deals/" + fixture + "/meetings",
                        "{\"title\":\"Demo\",\"startedAt\":\"2026-11-16T10:00:00Z\",\"durationMinutes\":30}"),
                        change)
                .endpoint("POST /deals/{dealId}/comments", () -> Request.post("/deals/" + fixture + "/comments",
                        "{\"text\":\"Budget approved\"}"), change)
                // Each caller attaches a fresh unmatched call to anna's deal.
                .endpoint("PUT /activities/{activityId}/deal", () -> Request.put("/activities/" + unmatchedCall()
                        + "/deal", "{\"dealId\":\"" + fixture + "\"}"), attach)
                // The webhook takes a signature, not a token (ActivityWebhookIntegrationTest): unsigned, everyone
                // is refused.
                .endpoint("POST /webhooks/activities", () -> Request.post("/webhooks/activities", "{}"),
                        Map.of("anonymous", 401, "admin", 401, "manager", 401, "rep", 401, "viewer", 401,
                                "integration", 401, "repOfAnotherTeam", 401, "managerOfAnotherTeam", 401))
                .endpoint("POST /admin/republication", () -> Request.post("/admin/republication", null),
                        adminOnly(202))
                .endpoint("GET /admin/republication", () -> Request.get("/admin/republication"), adminOnly(200))
                .endpoint("GET /admin/dead-letters/{topic}",
                        () -> Request.get("/admin/dead-letters/activities.ingest.v1.dlt"), adminOnly(200))
                // Beyond the topic's end: nothing is sent back.
                .endpoint("POST /admin/dead-letters/{topic}/redrive", () -> Request.post(
                        "/admin/dead-letters/activities.ingest.v1.dlt/redrive?fromOffset=1000000&toOffset=1000000",
                        null), adminOnly(200))
                .verify();
    }

    private static final java.util.Random RANDOM = new java.util.Random();

    /** Expected statuses when only anna, her team's manager and an admin may act on anna's deal. */
    private static Map<String, Integer> statuses(int allowed) {
        Map<String, Integer> statuses = new java.util.HashMap<>(Map.of("anonymous", 401, "admin", allowed,
                "manager", allowed, "rep", allowed, "viewer", 403, "integration", 403));
        statuses.put("repOfAnotherTeam", 403);
        statuses.put("managerOfAnotherTeam", 403);
        return statuses;
    }

    private static Map<String, Integer> adminOnly(int allowed) {
        Map<String, Integer> statuses = new java.util.HashMap<>(Map.of("anonymous", 401, "admin", allowed,
                "manager", 403, "rep", 403, "viewer", 403, "integration", 403));
        statuses.put("repOfAnotherTeam", 403);
        statuses.put("managerOfAnotherTeam", 403);
        return statuses;
    }

    private static final Duration REPUBLICATION = Duration.ofSeconds(180);

    @Test
    void aRepublicationSendsEveryStoredEventAgain() {
        String dealId = annasDeal();
        awaitPublished(dealId);

        ResponseEntity<JsonNode> started = client().post().uri("/admin/republication")
                .header("Authorization", "Bearer " + ADA).retrieve().toEntity(JsonNode.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(started.getBody().get("republishing").asBoolean()).as("going on until it has caught up").isTrue();
        assertThat(started.getBody().get("from").asLong()).isZero();
        long until = started.getBody().get("until").asLong();
        assertThat(until).isPositive();

        // A republication sends again every event the suite's other classes stored before this one, so its
        // time grows with them: the bound leaves room for a loaded machine.
        awaitPublishedCount(dealId, 2, REPUBLICATION);
        JsonNode done = await().atMost(REPUBLICATION).until(() -> client().get().uri("/admin/republication")
                .header("Authorization", "Bearer " + ADA).retrieve().body(JsonNode.class),
                progress -> !progress.get("republishing").asBoolean());
        assertThat(done.get("position").asLong()).isGreaterThanOrEqualTo(until);
        assertThat(client().post().uri("/admin/republication").header("Authorization", "Bearer " + ANNA).retrieve()
                .toEntity(JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    private static Map<String, Integer> readDeal() {
        Map<String, Integer> statuses = new java.util.HashMap<>(Map.of("anonymous", 401, "admin", 200,
                "manager", 200, "rep", 200, "viewer", 200, "integration", 403));
        statuses.put("repOfAnotherTeam", 404);
        statuses.put("managerOfAnotherTeam", 404);
        return statuses;
    }

    private static Map<String, Integer> readChangesOfAnna() {
        Map<String, Integer> statuses = new java.util.HashMap<>(Map.of("anonymous", 401, "admin", 200,
                "manager", 200, "rep", 200, "viewer", 403, "integration", 403));
        statuses.put("repOfAnotherTeam", 403);
        statuses.put("managerOfAnotherTeam", 200);
        return statuses;
    }

    private static volatile String otherPipeline;

    /** A second pipeline to transfer deals to, defined once. */
    private String otherPipeline() {
        if (otherPipeline == null) {
            String id = "legal-" + UUID.randomUUID();
            assertThat(post("/pipelines/template", Map.of("pipelineId", id, "name", "Legal"), bearer(ADA))
                    .getStatusCode()).isEqualTo(HttpStatus.CREATED);
            otherPipeline = id;
        }
        return otherPipeline;
    }

    private String unmatchedCall() {
        String externalId = "call-" + UUID.randomUUID();
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new ReceiveActivity(
                        ActivityIds.of("acme-phone", externalId), "acme-phone", externalId, ActivityKind.CALL,
                        Direction.INBOUND, Instant.parse("2026-11-16T10:00:00Z"), 30, true, "+49 30 999", null, null, null,
                        null, null, null, null, ActivityMatch.UNMATCHED))
                .withMetaData(Map.of("actor", "integration:acme-phone", "roles", "integration", "source", "integration",
                        "correlationId", externalId)));
        return ActivityIds.of("acme-phone", externalId);
    }

    private String annasTask(String dealId) {
        return post("/deals/" + dealId + "/tasks", Map.of("title", "Call Kim", "dueAt", "2026-12-01T09:00:00Z"),
                bearer(ANNA)).getBody().get("id").asString();
    }

    private String annasEmail(String dealId) {
        return post("/deals/" + dealId + "/emails", Map.of("direction", "OUTBOUND", "sentAt", "2026-11-16T10:00:00Z"),
                bearer(ANNA)).getBody().get("id").asString();
    }

    private String annasLostDeal() {
        String dealId = annasDeal();
        assertThat(put("/deals/" + dealId + "/outcome", Map.of("outcome", "LOST", "reason", "Price"), bearer(ANNA))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        return dealId;
    }

    @Test
    void aBusinessTimeInTheFutureBreaksARule() {
        String dealId = "deal-" + UUID.randomUUID();
        Map<String, Object> body = new java.util.HashMap<>(openDeal(dealId));
        body.put("occurredAt", Instant.now().plus(1, ChronoUnit.HOURS).toString());

        ResponseEntity<JsonNode> response = post("/deals", body, bearer(ANNA));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(response.getBody().get("rule").asString()).isEqualTo("BusinessTimeNotInFuture");
        assertThat(storedEvents(dealId)).isZero();
    }

    @Test
    void malformedJsonIsAProblem() {
        ResponseEntity<JsonNode> response = client().post().uri("/deals")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Authorization", "Bearer " + ANNA)
                .body("{\"title\": ")
                .retrieve()
                .toEntity(JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void axonWorksInSpringsJdbcTransactions(@Autowired org.axonframework.common.transaction.TransactionManager axon) {
        assertThat(axon).isInstanceOf(org.axonframework.spring.messaging.unitofwork.SpringTransactionManager.class);
    }

    @Test
    void healthCoversTheDatabaseAndKafkaAndShowsDetailsToAdminsOnly() {
        JsonNode anonymous = client().get().uri("/actuator/health").retrieve().body(JsonNode.class);
        assertThat(anonymous.get("status").asString()).isEqualTo("UP");
        assertThat(anonymous.has("components")).isFalse();

        JsonNode health = client().get().uri("/actuator/health").header("Authorization", "Bearer " + ADA)
                .retrieve().body(JsonNode.class);

        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("db").get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("kafka").get("status").asString()).isEqualTo("UP");
    }

    @Test
    void theOpenApiDocumentDescribesTheCommands() {
        JsonNode api = client().get().uri("/v3/api-docs").retrieve().body(JsonNode.class);

        assertThat(api.get("paths").has("/deals")).isTrue();
        assertThat(api.get("paths").get("/deals").has("post")).isTrue();
    }
}
