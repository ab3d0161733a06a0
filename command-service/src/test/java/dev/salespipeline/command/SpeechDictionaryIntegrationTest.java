package dev.salespipeline.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import dev.salespipeline.command.activity.webhook.WebhookSignature;
import tools.jackson.databind.JsonNode;

/**
 * Speech dictionaries through the API: admins set, change and withdraw them; a call logged through the API or
 * reported through the webhook is checked against those in force when it is logged, and its event carries the
 * matches; a later change applies to later calls only.
 */
class SpeechDictionaryIntegrationTest extends CommandServiceTestBase {

    @Test
    void aCallIsCheckedAgainstTheDictionariesInForceWhenItIsLogged() {
        String list = "promises-" + UUID.randomUUID().toString().substring(0, 8);
        String path = "/speech-dictionaries/uk/" + list;
        ResponseEntity<JsonNode> set = put(path, Map.of("phrases", List.of("гарантую")), bearer(ADA));
        assertThat(set.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(set.getBody().get("dictionaryId").asString()).isEqualTo("dictionary/uk/" + list);
        assertThat(set.getHeaders().getETag()).isEqualTo("\"0\"");
        JsonNode listed = client().get().uri("/speech-dictionaries").header("Authorization", "Bearer " + MAX)
                .retrieve().body(JsonNode.class);
        assertThat(listed.get("dictionaries").valueStream()
                .filter(entry -> entry.get("list").asString().equals(list)).findFirst().orElseThrow()
                .get("phrases").get(0).asString()).isEqualTo("гарантую");

        String dealId = annasDeal();
        String first = logCall(dealId, "Я вам гарантую, що все буде вчасно. Не можу сказати інакше.");
        // a change applies to the calls logged after it
        assertThat(put(path, Map.of("phrases", List.of("не можу")), Map.of("Authorization", "Bearer " + ADA,
                "If-Match", "\"0\"")).getStatusCode()).isEqualTo(HttpStatus.OK);
        String second = logCall(dealId, "Я вам гарантую, що все буде вчасно. Не можу сказати інакше.");
        assertThat(delete(path, bearer(ADA)).getStatusCode()).isEqualTo(HttpStatus.OK);
        String third = logCall(dealId, "Я вам гарантую, що все буде вчасно. Не можу сказати інакше.");

        List<JsonNode> calls = awaitEnvelopes(dealId, 4).stream()
                .filter(envelope -> envelope.get("type").asString().equals("CallLogged")).toList();
        assertThat(matchesOf(calls, first, list)).containsExactly("гарантую");
        assertThat(matchesOf(calls, second, list)).containsExactly("Не можу");
        assertThat(matchesOf(calls, third, list)).isEmpty();
        JsonNode match = calls.stream().filter(call -> call.get("payload").get("callId").asString().equals(first))
                .findFirst().orElseThrow().get("payload").get("transcriptMatches").valueStream()
                .filter(m -> m.get("list").asString().equals(list)).findFirst().orElseThrow();
        assertThat(match.get("language").asString()).isEqualTo("uk");
        assertThat(match.get("phrase").asString()).isEqualTo("гарантую");
        assertThat(match.get("start").asInt()).isEqualTo(6);
        assertThat(match.get("end").asInt()).isEqualTo(14);
    }

    @Test
    void aCallReportedThroughTheWebhookCarriesItsMatches() {
        String list = "complaints-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(put("/speech-dictionaries/ru/" + list, Map.of("phrases", List.of("жалоба")), bearer(ADA))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        String phone = "+49 30 " + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        String dealId = annasDealWithClient(phone, null);
        Map<String, Object> report = new HashMap<>();
        report.put("sourceSystem", "acme-phone");
        report.put("externalId", "call-" + UUID.randomUUID());
        report.put("kind", "CALL");
        report.put("direction", "INBOUND");
        report.put("occurredAt", Instant.now().minusSeconds(120).toString());
        report.put("phoneNumber", phone);
        report.put("durationSeconds", 95);
        report.put("transcript", "Здравствуйте. Я хочу оставить жалобу на доставку.");
        byte[] body = JSON.writeValueAsString(report).getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        ResponseEntity<JsonNode> delivered = client().post().uri("/webhooks/activities")
                .contentType(MediaType.APPLICATION_JSON)
                .header(WebhookSignature.SOURCE_HEADER, "acme-phone")
                .header(WebhookSignature.TIMESTAMP_HEADER, String.valueOf(now))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(WEBHOOK_SECRET, now, body))
                .body(body).retrieve().toEntity(JsonNode.class);
        assertThat(delivered.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(delivered.getBody().path("dealId").asString()).isEqualTo(dealId);

        JsonNode call = awaitEnvelopes(dealId, 2).stream()
                .filter(envelope -> envelope.get("type").asString().equals("CallLogged")).findFirst().orElseThrow();
        assertThat(call.get("payload").get("transcriptMatches").valueStream()
                .filter(m -> m.get("list").asString().equals(list)).map(m -> m.get("text").asString()).toList())
                .containsExactly("жалобу");
    }

    @Test
    void onlyAdminsSetDictionariesAndBadOnesAreRefusedWithTheReason() {
        String path = "/speech-dictionaries/en/own-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(put(path, Map.of("phrases", List.of("no way")), bearer(MAX)).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<JsonNode> tooLong = put(path, Map.of("phrases", List.of("one two three four five six seven "
                + "eight nine")), bearer(ADA));
        assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(tooLong.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(tooLong.getBody().get("detail").asString()).contains("1 to 8 words");
        assertThat(put("/speech-dictionaries/de/own", Map.of("phrases", List.of("nein")), bearer(ADA))
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(put("/speech-dictionaries/en/Not_A_List", Map.of("phrases", List.of("no")), bearer(ADA))
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(delete("/speech-dictionaries/en/never-set-" + UUID.randomUUID().toString().substring(0, 8),
                bearer(ADA)).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(put(path, Map.of("phrases", List.of("no way")), bearer(ADA)).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> stale = put(path, Map.of("phrases", List.of("no chance")),
                Map.of("Authorization", "Bearer " + ADA, "If-Match", "\"7\""));
        assertThat(stale.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
        assertThat(stale.getBody().get("currentVersion").asLong()).isZero();
    }

    private String logCall(String dealId, String transcript) {
        String callId = "tel-" + UUID.randomUUID();
        assertThat(post("/deals/" + dealId + "/calls", Map.of("callId", callId, "direction", "OUTBOUND",
                "startedAt", Instant.now().minusSeconds(60).toString(), "durationSeconds", 95, "answered", true,
                "transcript", transcript), bearer(ANNA)).getStatusCode()).isEqualTo(HttpStatus.OK);
        return callId;
    }

    /** The texts matched in a call for one list. */
    private static List<String> matchesOf(List<JsonNode> calls, String callId, String list) {
        JsonNode payload = calls.stream().filter(call -> call.get("payload").get("callId").asString().equals(callId))
                .findFirst().orElseThrow().get("payload");
        if (!payload.has("transcriptMatches")) {
            return List.of();
        }
        return payload.get("transcriptMatches").valueStream().filter(m -> m.get("list").asString().equals(list))
                .map(m -> m.get("text").asString()).toList();
    }
}
