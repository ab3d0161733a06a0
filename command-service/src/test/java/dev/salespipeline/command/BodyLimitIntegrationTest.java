package dev.salespipeline.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import dev.salespipeline.api.Bounds;
import dev.salespipeline.command.idempotency.IdempotencyFilter;
import dev.salespipeline.command.web.HttpProperties;
import tools.jackson.databind.JsonNode;

/**
 * Request bodies over {@code pipeline.http.max-body-bytes} are refused with 413 problem JSON before they are
 * read, declared or chunked, also when they carry an idempotency key; the largest valid commands fit.
 */
class BodyLimitIntegrationTest extends CommandServiceTestBase {

    private static final long LIMIT = HttpProperties.DEFAULT_MAX_BODY.toBytes();

    @Test
    void aBodyOverTheLimitIsRefusedWith413AndOpensNothing() {
        String dealId = "deal-" + UUID.randomUUID();
        byte[] body = oversizedOpening(dealId);

        assertTooLarge(client().post().uri("/deals").contentType(MediaType.APPLICATION_JSON)
                .headers(h -> bearer(ANNA).forEach(h::add)).body(body).retrieve().toEntity(JsonNode.class));
        assertTooLarge(sendChunked("POST", "/deals", body, bearer(ANNA)));

        assertThat(storedEvents(dealId)).isZero();
    }

    @Test
    void theIdempotencyFilterGetsNoBodyOverTheLimitEither() {
        String dealId = "deal-" + UUID.randomUUID();
        byte[] body = oversizedOpening(dealId);
        Map<String, String> headers = new HashMap<>(bearer(ANNA));
        headers.put(IdempotencyFilter.HEADER, "key-" + UUID.randomUUID());

        assertTooLarge(client().post().uri("/deals").contentType(MediaType.APPLICATION_JSON)
                .headers(h -> headers.forEach(h::add)).body(body).retrieve().toEntity(JsonNode.class));
        assertTooLarge(sendChunked("POST", "/deals", body, headers));

        assertThat(storedEvents(dealId)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from idempotency_keys where idempotency_key = ?",
                Integer.class, headers.get(IdempotencyFilter.HEADER))).isZero();
    }

    @Test
    void theLargestValidCommandsFitTheLimitEvenWithEveryCharacterEscaped() {
        String dealId = annasDeal();
        // Each control character is written as a six-byte escape: the most bytes a character can take.
        String escaped = "\u0001".repeat(Bounds.NOTE_LENGTH);
        byte[] comment = JSON.writeValueAsString(Map.of("commentId", "c-" + UUID.randomUUID(), "text", escaped,
                "occurredAt", "2026-11-16T10:00:00Z")).getBytes(StandardCharsets.UTF_8);
        assertThat(comment.length).isGreaterThan(6 * Bounds.NOTE_LENGTH).isLessThanOrEqualTo((int) LIMIT);

        ResponseEntity<JsonNode> added = sendChunked("POST", "/deals/" + dealId + "/comments", comment, bearer(ANNA));

        assertThat(added.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private static byte[] oversizedOpening(String dealId) {
        Map<String, Object> open = new HashMap<>(openDeal(dealId));
        open.put("padding", "x".repeat((int) LIMIT));
        return JSON.writeValueAsString(open).getBytes(StandardCharsets.UTF_8);
    }
}
