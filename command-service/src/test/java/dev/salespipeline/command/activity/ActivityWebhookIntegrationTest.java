package dev.salespipeline.command.activity;

import static dev.salespipeline.command.activity.ActivityIngestIntegrationTest.call;
import static dev.salespipeline.command.activity.ActivityIngestIntegrationTest.json;
import static dev.salespipeline.command.activity.ActivityIngestIntegrationTest.randomPhone;
import static dev.salespipeline.command.activity.ActivityIngestIntegrationTest.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import dev.salespipeline.api.Bounds;
import dev.salespipeline.api.activity.ActivityIds;
import dev.salespipeline.command.CommandServiceTestBase;
import dev.salespipeline.command.activity.webhook.WebhookSignature;
import dev.salespipeline.command.web.HttpProperties;
import tools.jackson.databind.JsonNode;

/**
 * The signed activity webhook: a valid signature records the report (once), anything else is refused
 * with 401 and records nothing.
 */
class ActivityWebhookIntegrationTest extends CommandServiceTestBase {

    private static final String SOURCE = "acme-phone";

    @Test
    void aSignedReportIsRecordedAndAnsweredWithItsActivityAndDeal() {
        String phone = randomPhone();
        String dealId = annasDealWithClient(phone, null);
        String externalId = "call-" + UUID.randomUUID();
        String body = call(externalId, phone);

        ResponseEntity<JsonNode> response = deliver(body, now(), WEBHOOK_SECRET);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(response.getBody().path("activityId").asString()).isEqualTo(ActivityIds.of(SOURCE, externalId));
        assertThat(response.getBody().path("match").asString()).isEqualTo("PHONE");
        assertThat(response.getBody().path("dealId").asString()).isEqualTo(dealId);
        assertThat(response.getBody().path("duplicate").asBoolean()).isFalse();
        assertThat(storedEvents(ActivityIds.of(SOURCE, externalId))).isEqualTo(1);
    }

    @Test
    void theSameReportSentAgainIsAcceptedAsADuplicateAndRecordedOnce() {
        String externalId = "call-" + UUID.randomUUID();
        String body = call(externalId, randomPhone());

        assertThat(deliver(body, now(), WEBHOOK_SECRET).getBody().path("duplicate").asBoolean()).isFalse();
        ResponseEntity<JsonNode> again = deliver(body, now(), WEBHOOK_SECRET);

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(again.getBody().path("duplicate").asBoolean()).isTrue();
        assertThat(again.getBody().path("match").asString()).isEqualTo("UNMATCHED");
        assertThat(storedEvents(ActivityIds.of(SOURCE, externalId))).isEqualTo(1);
    }

    @Test
    void aSecondSecretOfTheSourceIsAcceptedSoThatSecretsCanBeRotated() {
        String externalId = "call-" + UUID.randomUUID();

        assertThat(deliver(call(externalId, randomPhone()), now(), "rotated-out-secret").getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
    }

    @Test
    void aWrongStaleOrMissingSignatureIsRefusedWith401AndRecordsNothing() {
        String externalId = "call-" + UUID.randomUUID();
        String body = call(externalId, randomPhone());
        long now = now();

        assertUnauthorized(deliver(body, now, "not-the-secret"), "does not match");
        // 600 s, or 601 when a second turns between signing and checking
        assertUnauthorized(deliver(body, now - 10 * 60, WEBHOOK_SECRET), "at most 300 s are accepted");
        assertUnauthorized(deliver(body, now + 10 * 60, WEBHOOK_SECRET), "away from now");
        // Signed correctly, then the body was altered on the way.
        String altered = body.replace("\"durationSeconds\":95", "\"durationSeconds\":9500");
        assertThat(altered).isNotEqualTo(body);
        assertUnauthorized(send(altered, Map.of(WebhookSignature.SOURCE_HEADER, SOURCE,
                WebhookSignature.TIMESTAMP_HEADER, String.valueOf(now),
                WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(WEBHOOK_SECRET, now, bytes(body)))),
                "does not match");
        assertUnauthorized(send(body, Map.of(WebhookSignature.SOURCE_HEADER, "other-phone",
                WebhookSignature.TIMESTAMP_HEADER, String.valueOf(now),
                WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(WEBHOOK_SECRET, now, bytes(body)))),
                "no webhook secret");
        // A valid token is no substitute for the signature.
        assertUnauthorized(send(body, bearer(TELEPHONY)), "Webhook-Source");

        assertThat(storedEvents(ActivityIds.of(SOURCE, externalId))).isZero();
    }

    @Test
    void aSignedButInvalidReportGetsAProblemNamingTheReason() {
        ResponseEntity<JsonNode> malformed = deliver("{\"sourceSystem\":", now(), WEBHOOK_SECRET);
        assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(malformed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(malformed.getBody().path("reason").asString()).isEqualTo("malformed-json");

        Map<String, Object> noDirection = report("call-" + UUID.randomUUID(), "CALL", "INBOUND");
        noDirection.remove("direction");
        ResponseEntity<JsonNode> missing = deliver(json(noDirection), now(), WEBHOOK_SECRET);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(missing.getBody().path("reason").asString()).isEqualTo("missing-field");
        assertThat(missing.getBody().path("detail").asString()).contains("direction");

        Map<String, Object> future = report("call-" + UUID.randomUUID(), "CALL", "INBOUND");
        future.put("occurredAt", Instant.now().plusSeconds(3600).toString());
        future.put("phoneNumber", randomPhone());
        future.put("durationSeconds", 5);
        ResponseEntity<JsonNode> inTheFuture = deliver(json(future), now(), WEBHOOK_SECRET);
        assertThat(inTheFuture.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(inTheFuture.getBody().path("reason").asString()).isEqualTo("future-timestamp");
    }

    @Test
    void aSourceMayNotReportInTheNameOfAnother() {
        Map<String, Object> other = report("call-" + UUID.randomUUID(), "CALL", "INBOUND");
        other.put("sourceSystem", "other-phone");
        other.put("phoneNumber", randomPhone());
        other.put("durationSeconds", 5);

        ResponseEntity<JsonNode> response = deliver(json(other), now(), WEBHOOK_SECRET);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(storedEvents(ActivityIds.of("other-phone", (String) other.get("externalId")))).isZero();
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413BeforeItsSignatureIsChecked() {
        String externalId = "call-" + UUID.randomUUID();
        Map<String, Object> report = report(externalId, "CALL", "INBOUND");
        report.put("phoneNumber", randomPhone());
        report.put("durationSeconds", 5);
        report.put("padding", "x".repeat((int) HttpProperties.DEFAULT_MAX_TRANSCRIPT_BODY.toBytes()));
        String body = json(report);
        // Signed with a wrong secret: a 401 would mean the signature was computed over the whole body.
        long now = now();
        Map<String, String> headers = Map.of(WebhookSignature.SOURCE_HEADER, SOURCE,
                WebhookSignature.TIMESTAMP_HEADER, String.valueOf(now),
                WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign("not-the-secret", now, bytes(body)));

        assertTooLarge(send(body, headers));
        assertTooLarge(sendChunked("POST", "/webhooks/activities", bytes(body), headers));

        assertThat(storedEvents(ActivityIds.of(SOURCE, externalId))).isZero();
    }

    @Test
    void aReportWithTheLongestTranscriptFitsTheLimit() {
        String externalId = "call-" + UUID.randomUUID();
        Map<String, Object> report = report(externalId, "CALL", "INBOUND");
        report.put("phoneNumber", randomPhone());
        report.put("durationSeconds", 5);
        // Six bytes each in JSON: the largest a transcript of this length can be.
        report.put("transcript", "\u0001".repeat(Bounds.TRANSCRIPT_LENGTH));
        String body = json(report);

        ResponseEntity<JsonNode> response = client().post().uri("/webhooks/activities")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> signed(body).forEach(h::add))
                .body(bytes(body))
                .retrieve()
                .toEntity(JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    }

    private Map<String, String> signed(String body) {
        long now = now();
        return Map.of(WebhookSignature.SOURCE_HEADER, SOURCE, WebhookSignature.TIMESTAMP_HEADER, String.valueOf(now),
                WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(WEBHOOK_SECRET, now, bytes(body)));
    }

    private void assertUnauthorized(ResponseEntity<JsonNode> response, String detail) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().path("detail").asString()).contains(detail);
    }

    private ResponseEntity<JsonNode> deliver(String body, long timestamp, String secret) {
        return send(body, Map.of(WebhookSignature.SOURCE_HEADER, SOURCE,
                WebhookSignature.TIMESTAMP_HEADER, String.valueOf(timestamp),
                WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, bytes(body))));
    }

    private ResponseEntity<JsonNode> send(String body, Map<String, String> headers) {
        return client().post().uri("/webhooks/activities")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> headers.forEach(h::add))
                .body(bytes(body))
                .retrieve()
                .toEntity(JsonNode.class);
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }
}
