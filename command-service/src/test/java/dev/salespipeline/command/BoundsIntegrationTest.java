package dev.salespipeline.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import dev.salespipeline.api.Bounds;
import dev.salespipeline.api.activity.ActivityIds;
import dev.salespipeline.command.activity.webhook.WebhookSignature;
import tools.jackson.databind.JsonNode;

/**
 * Values outside the bounds ({@link Bounds}) are refused at the REST edge with 400 naming the field, and
 * nothing is stored; values at the bounds are accepted.
 */
class BoundsIntegrationTest extends CommandServiceTestBase {

    /** 36 digits: more than a Decimal128 holds. */
    private static final String TOO_MANY_DIGITS = "123456789012345678901234567890123456";

    @ParameterizedTest
    @ValueSource(strings = {TOO_MANY_DIGITS, "1E+400", "1E+15", "1000000000000000", "0.00001", "-1"})
    void aDealsAmountOutsideTheBoundsIsRefusedNamingTheFieldAndStoresNothing(String amount) {
        String dealId = annasDeal();
        int before = storedEvents(dealId);

        assertInvalid(put("/deals/" + dealId + "/amount", Map.of("amount", amount, "currency", "EUR"),
                bearer(ANNA)), "amount");
        // The same as a JSON number rather than a string.
        assertInvalid(put("/deals/" + dealId + "/amount", Map.of("amount", new BigDecimal(amount), "currency", "EUR"),
                bearer(ANNA)), "amount");

        assertThat(storedEvents(dealId)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"999999999999999.9999", "999999999999999", "1.5E+3", "1E+3", "0.0001"})
    void anAmountAtTheBoundsIsAccepted(String amount) {
        String dealId = "deal-" + UUID.randomUUID();
        Map<String, Object> open = new HashMap<>(openDeal(dealId));
        open.remove("amount");
        open.remove("currency");
        assertThat(post("/deals", open, bearer(ANNA)).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        ResponseEntity<JsonNode> changed = put("/deals/" + dealId + "/amount", Map.of("amount", amount,
                "currency", "EUR"), bearer(ANNA));

        assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(storedEvents(dealId)).isEqualTo(2);
        String stored = jdbc.queryForObject("select convert_from(payload, 'UTF8') from domainevententry "
                + "where aggregateidentifier = ? and sequencenumber = 1", String.class, dealId);
        assertThat(JSON.readTree(stored).path("amount").path("amount").asString())
                .isEqualTo(new BigDecimal(amount).setScale(Math.max(0, new BigDecimal(amount).scale()))
                        .toPlainString());
    }

    @Test
    void aDealOpenedWithAnAmountOutsideTheBoundsIsRefusedAndNotOpened() {
        for (String amount : List.of(TOO_MANY_DIGITS, "1E+400")) {
            String dealId = "deal-" + UUID.randomUUID();
            Map<String, Object> open = new HashMap<>(openDeal(dealId));
            open.put("amount", amount);

            assertInvalid(post("/deals", open, bearer(ANNA)), "amount");
            assertThat(storedEvents(dealId)).isZero();
        }
        String dealId = "deal-" + UUID.randomUUID();
        Map<String, Object> open = new HashMap<>(openDeal(dealId));
        open.put("amount", "999999999999999.9999");
        assertThat(post("/deals", open, bearer(ANNA)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void aDealIsWonWithItsBoundedAmount() {
        String dealId = "deal-" + UUID.randomUUID();
        Map<String, Object> open = new HashMap<>(openDeal(dealId));
        open.put("amount", "1.5E+3");
        assertThat(post("/deals", open, bearer(ANNA)).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        assertThat(put("/deals/" + dealId + "/outcome", Map.of("outcome", "WON"), bearer(ANNA)).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        String won = jdbc.queryForObject("select convert_from(payload, 'UTF8') from domainevententry "
                + "where aggregateidentifier = ? and payloadtype = 'dev.salespipeline.api.deal.DealWon'",
                String.class, dealId);
        assertThat(JSON.readTree(won).path("amount").path("amount").asString()).isEqualTo("1500");
    }

    @Test
    void aSalesTargetOutsideTheBoundsIsRefusedAndNotSet() {
        String owner = "o-" + UUID.randomUUID();
        String path = "/pipelines/" + PIPELINE + "/targets/owner/" + owner + "/2026-11";
        String targetId = "target/" + PIPELINE + "/owner:" + owner + "/2026-11";

        for (String amount : List.of(TOO_MANY_DIGITS, "1E+400", "0.00001")) {
            assertInvalid(put(path, Map.of("amount", amount, "currency", "EUR", "teamId", "north"), bearer(ADA)),
                    "amount");
        }
        assertThat(storedEvents(targetId)).isZero();

        assertThat(put(path, Map.of("amount", "999999999999999.9999", "currency", "EUR", "teamId", "north"),
                bearer(ADA)).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void textsDatesAndDurationsOutsideTheBoundsAreRefusedNamingTheField() {
        String dealId = annasDeal();
        int before = storedEvents(dealId);

        assertInvalid(put("/deals/" + dealId + "/details", Map.of("title", "x".repeat(Bounds.TITLE_LENGTH + 1)),
                bearer(ANNA)), "title");
        assertInvalid(put("/deals/" + dealId + "/expected-close-date", Map.of("expectedCloseDate", "3000-01-01"),
                bearer(ANNA)), "expectedCloseDate");
        assertInvalid(put("/deals/" + dealId + "/stage", Map.of("stageId", "qualified",
                "occurredAt", "1899-12-31T23:59:59Z"), bearer(ANNA)), "occurredAt");
        assertInvalid(post("/deals/" + dealId + "/comments", Map.of("text", "x".repeat(Bounds.NOTE_LENGTH + 1)),
                bearer(ANNA)), "text");
        assertInvalid(post("/deals/" + dealId + "/calls", Map.of("direction", "INBOUND",
                "startedAt", "2026-11-16T09:00:00Z", "durationSeconds", Bounds.MAX_CALL_SECONDS + 1, "answered", true),
                bearer(ANNA)), "durationSeconds");
        assertInvalid(put("/pipelines/" + PIPELINE + "/idle-limit", Map.of("idleLimit", "P3651D"), bearer(ADA)),
                "idleLimit");

        assertThat(storedEvents(dealId)).isEqualTo(before);
        assertThat(put("/deals/" + dealId + "/expected-close-date", Map.of("expectedCloseDate", "2999-12-31"),
                bearer(ANNA)).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aReportOutsideTheBoundsIsRefusedOnTheWebhookNamingTheFieldAndRecordsNothing() {
        Map<String, Object> base = new HashMap<>();
        base.put("sourceSystem", "acme-phone");
        base.put("kind", "CALL");
        base.put("direction", "INBOUND");
        base.put("occurredAt", Instant.now().minusSeconds(60).toString());
        base.put("phoneNumber", "+49 30 1234567");
        base.put("durationSeconds", 95);
        Map<String, Object> tooLong = new HashMap<>(base);
        tooLong.put("durationSeconds", Bounds.MAX_CALL_SECONDS + 1);
        Map<String, Object> longPhone = new HashMap<>(base);
        longPhone.put("phoneNumber", "1".repeat(Bounds.PHONE_LENGTH + 1));
        Map<String, Object> longAgo = new HashMap<>(base);
        longAgo.put("occurredAt", "1899-12-31T23:59:59Z");
        Map<String, Object> longTranscript = new HashMap<>(base);
        longTranscript.put("transcript", "x".repeat(Bounds.TRANSCRIPT_LENGTH + 1));

        for (var bad : Map.of("durationSeconds", tooLong, "phoneNumber", longPhone, "occurredAt", longAgo,
                "transcript", longTranscript).entrySet()) {
            String externalId = "call-" + UUID.randomUUID();
            bad.getValue().put("externalId", externalId);

            ResponseEntity<JsonNode> response = deliver(JSON.writeValueAsString(bad.getValue()));

            assertThat(response.getStatusCode()).as(bad.getKey()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.getBody().path("reason").asString()).isEqualTo("invalid-field");
            assertThat(response.getBody().path("detail").asString()).startsWith(bad.getKey());
            assertThat(storedEvents(ActivityIds.of("acme-phone", externalId))).isZero();
        }
    }

    @Test
    void theOpenApiDocumentStatesTheBounds() {
        String document = client().get().uri("/v3/api-docs").retrieve().body(String.class);
        JsonNode schemas = JSON.readTree(document).path("components").path("schemas");

        JsonNode amount = schemas.path("ChangeAmount").path("properties").path("amount");
        // Read as text: a double would round the maximum to 1E+15.
        assertThat(document).contains("\"maximum\":" + Bounds.MAX_AMOUNT);
        assertThat(amount.path("description").asString()).contains("15 integer digits and 4 decimal places");
        assertThat(schemas.path("OpenDealRequest").path("properties").path("title").path("maxLength").asInt())
                .isEqualTo(Bounds.TITLE_LENGTH);
        assertThat(schemas.path("Comment").path("properties").path("text").path("maxLength").asInt())
                .isEqualTo(Bounds.NOTE_LENGTH);
        assertThat(schemas.path("DefinePipelineRequest").path("properties").path("stages").path("maxItems").asInt())
                .isEqualTo(Bounds.MAX_STAGES);
    }

    private static void assertInvalid(ResponseEntity<JsonNode> response, String field) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().path("errors").valueStream().map(error -> error.path("field").asString()))
                .as(response.getBody().toString()).contains(field);
    }

    private ResponseEntity<JsonNode> deliver(String body) {
        long now = Instant.now().getEpochSecond();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return client().post().uri("/webhooks/activities")
                .contentType(MediaType.APPLICATION_JSON)
                .header(WebhookSignature.SOURCE_HEADER, "acme-phone")
                .header(WebhookSignature.TIMESTAMP_HEADER, String.valueOf(now))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(WEBHOOK_SECRET, now, bytes))
                .body(bytes)
                .retrieve()
                .toEntity(JsonNode.class);
    }
}
