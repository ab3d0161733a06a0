package dev.salespipeline.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import tools.jackson.databind.JsonNode;

/**
 * Business time on every command: the commands without a body (the DELETEs) take {@code occurredAt} as a query
 * parameter, with the rules of the body's field: the past is fine, the future beyond the allowed clock skew is
 * refused, and the event carries the time given.
 */
class BusinessTimeIntegrationTest extends CommandServiceTestBase {

    /** A moment of yesterday, whatever the time of day the tests run. */
    private static Instant yesterday() {
        return Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    }

    private String annasLostDeal() {
        String dealId = annasDeal();
        assertThat(put("/deals/" + dealId + "/outcome", Map.of("outcome", "LOST", "reason", "Price",
                "occurredAt", yesterday().minus(Duration.ofDays(1)).toString()), bearer(ANNA)).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        return dealId;
    }

    /** The envelope of the deal's event of this type, once published. */
    private static JsonNode published(String dealId, int events, String type) {
        return awaitEnvelopes(dealId, events).stream().filter(envelope -> envelope.get("type").asString().equals(type))
                .reduce((first, second) -> second).orElseThrow();
    }

    private static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aReopenBackdatedToYesterdayIsAcceptedAndItsEventCarriesIt() {
        String dealId = annasLostDeal();
        Instant yesterday = yesterday();

        ResponseEntity<JsonNode> reopened = delete("/deals/" + dealId + "/outcome?occurredAt=" + yesterday,
                bearer(ANNA));

        assertThat(reopened.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(reopened.getHeaders().getETag()).isEqualTo("\"2\"");
        JsonNode envelope = published(dealId, 3, "DealReopened");
        assertThat(envelope.get("occurredAt").asString()).isEqualTo(yesterday.toString());
        assertThat(envelope.get("payload").get("occurredAt").asString()).isEqualTo(yesterday.toString());
        assertThat(Instant.parse(envelope.get("recordedAt").asString())).as("recorded now, counted yesterday")
                .isAfter(yesterday.plus(Duration.ofHours(23)));
    }

    @Test
    void aReopenBeyondTheClockSkewIsRefusedWithAProblemAndStoresNothing() {
        String dealId = annasLostDeal();
        Instant inAnHour = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);

        ResponseEntity<JsonNode> refused = delete("/deals/" + dealId + "/outcome?occurredAt=" + inAnHour,
                bearer(ANNA));

        assertProblem(refused, HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(refused.getBody().get("rule").asString()).isEqualTo("BusinessTimeNotInFuture");
        assertThat(refused.getBody().get("detail").asString()).contains(inAnHour.toString());
        assertThat(storedEvents(dealId)).isEqualTo(2);

        Instant withinTheSkew = Instant.now().plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
        assertThat(delete("/deals/" + dealId + "/outcome?occurredAt=" + withinTheSkew, bearer(ANNA))
                .getStatusCode()).as("a clock a minute ahead is within the skew").isEqualTo(HttpStatus.OK);
        assertThat(published(dealId, 3, "DealReopened").get("occurredAt").asString())
                .isEqualTo(withinTheSkew.toString());
    }

    @Test
    void aReopenWithoutBusinessTimeHappensNow() {
        String dealId = annasLostDeal();
        Instant before = Instant.now();

        assertThat(delete("/deals/" + dealId + "/outcome", bearer(ANNA)).getStatusCode()).isEqualTo(HttpStatus.OK);

        Instant occurredAt = Instant.parse(published(dealId, 3, "DealReopened").get("occurredAt").asString());
        assertThat(occurredAt).isBetween(before.truncatedTo(ChronoUnit.MILLIS), Instant.now());
    }

    @Test
    void clearingTheProbabilityOverrideTakesItsBusinessTimeLikeSettingIt() {
        String dealId = annasDeal();
        Instant twoDaysAgo = yesterday().minus(Duration.ofDays(1));
        Instant yesterday = yesterday();
        assertThat(put("/deals/" + dealId + "/probability", Map.of("probability", 35,
                "occurredAt", twoDaysAgo.toString()), bearer(ANNA)).getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<JsonNode> cleared = delete("/deals/" + dealId + "/probability?occurredAt=" + yesterday,
                bearer(ANNA));

        assertThat(cleared.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode envelope = published(dealId, 3, "ProbabilityOverridden");
        assertThat(envelope.get("occurredAt").asString()).isEqualTo(yesterday.toString());
        assertThat(envelope.get("payload").get("previous").asInt()).isEqualTo(35);
        assertThat(envelope.get("payload").get("probability").isNull()).isTrue();

        assertThat(put("/deals/" + dealId + "/probability", Map.of("probability", 40), bearer(ANNA))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> future = delete("/deals/" + dealId + "/probability?occurredAt="
                + Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS), bearer(ANNA));
        assertProblem(future, HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(future.getBody().get("rule").asString()).isEqualTo("BusinessTimeNotInFuture");
        assertThat(storedEvents(dealId)).isEqualTo(4);
    }

    @Test
    void aBusinessTimeThatIsNoInstantOrOutOfTheYearsIsABadRequestNamingTheParameter() {
        String dealId = annasLostDeal();

        ResponseEntity<JsonNode> notAnInstant = delete("/deals/" + dealId + "/outcome?occurredAt=yesterday",
                bearer(ANNA));
        assertProblem(notAnInstant, HttpStatus.BAD_REQUEST);
        assertThat(notAnInstant.getBody().toString()).contains("occurredAt");

        ResponseEntity<JsonNode> longAgo = delete("/deals/" + dealId + "/outcome?occurredAt=1899-12-31T23:59:59Z",
                bearer(ANNA));
        assertProblem(longAgo, HttpStatus.BAD_REQUEST);
        assertThat(longAgo.getBody().get("errors").get(0).get("field").asString()).isEqualTo("occurredAt");

        ResponseEntity<JsonNode> clearedLongAgo = delete("/deals/" + dealId
                + "/probability?occurredAt=1899-12-31T23:59:59Z", bearer(ANNA));
        assertProblem(clearedLongAgo, HttpStatus.BAD_REQUEST);
        assertThat(clearedLongAgo.getBody().get("errors").get(0).get("field").asString()).isEqualTo("occurredAt");
        assertThat(storedEvents(dealId)).isEqualTo(2);
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBusinessTimeIsAnotherRequest() {
        String dealId = annasLostDeal();
        Map<String, String> headers = new HashMap<>(bearer(ANNA));
        headers.put("Idempotency-Key", "reopen-" + dealId);
        Instant yesterday = yesterday();

        assertThat(delete("/deals/" + dealId + "/outcome?occurredAt=" + yesterday, headers).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> retried = delete("/deals/" + dealId + "/outcome?occurredAt=" + yesterday, headers);
        assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(retried.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");

        ResponseEntity<JsonNode> other = delete("/deals/" + dealId + "/outcome?occurredAt="
                + yesterday.plus(Duration.ofHours(1)), headers);
        assertProblem(other, HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(other.getBody().get("title").asString()).isEqualTo("Idempotency key reused");
        assertThat(storedEvents(dealId)).isEqualTo(3);
    }

    /**
     * Every command of the API lets the caller say when it happened: in its body ({@code occurredAt}, or the
     * activity's own {@code startedAt}, {@code sentAt}, {@code openedAt}), or, without a body, as the query
     * parameter {@code occurredAt}. Operations of operators and integrations are no business events of a user.
     */
    @Test
    void everyCommandOfTheApiTakesItsBusinessTime() {
        JsonNode api = client().get().uri("/v3/api-docs").retrieve().body(JsonNode.class);
        JsonNode schemas = api.get("components").get("schemas");
        Set<String> timeFields = Set.of("occurredAt", "startedAt", "sentAt", "openedAt");

        List<String> commands = new ArrayList<>();
        List<String> withoutBusinessTime = new ArrayList<>();
        api.get("paths").properties().forEach(path -> {
            // operators' actions, and the webhook, whose report carries its time in a document of its own
            if (path.getKey().startsWith("/admin/") || path.getKey().equals("/webhooks/activities")) {
                return;
            }
            for (String method : List.of("post", "put", "patch", "delete")) {
                JsonNode operation = path.getValue().path(method);
                if (operation.isMissingNode()) {
                    continue;
                }
                String command = method.toUpperCase() + " " + path.getKey();
                commands.add(command);
                boolean asParameter = operation.path("parameters").valueStream()
                        .anyMatch(parameter -> parameter.path("name").asString().equals("occurredAt")
                                && parameter.path("in").asString().equals("query"));
                String reference = operation.path("requestBody").path("content").path("application/json")
                        .path("schema").path("$ref").asString("");
                JsonNode properties = schemas.path(reference.substring(reference.lastIndexOf('/') + 1))
                        .path("properties");
                boolean inBody = timeFields.stream().anyMatch(properties::has);
                if (!asParameter && !inBody) {
                    withoutBusinessTime.add(command);
                }
            }
        });

        assertThat(commands).contains("DELETE /deals/{dealId}/outcome", "DELETE /deals/{dealId}/probability",
                "PUT /deals/{dealId}/outcome", "POST /deals");
        assertThat(withoutBusinessTime).isEmpty();
    }
}
