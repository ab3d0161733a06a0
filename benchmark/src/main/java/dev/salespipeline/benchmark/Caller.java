package dev.salespipeline.benchmark;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who sends a request: the bearer token and what its claims say about the user. The claims are read, not verified;
 * the service verifies the token.
 *
 * @param token  the JWT, sent as {@code Authorization: Bearer <token>}
 * @param userId the {@code sub} claim
 * @param team   the {@code team} claim, or null
 */
record Caller(String token, String userId, String team) {

    static Caller of(String token, JsonMapper json) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a JWT (three dot-separated parts): " + abbreviated(token));
        }
        JsonNode claims = json.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        JsonNode subject = claims.get("sub");
        if (subject == null || !subject.isString()) {
            throw new IllegalArgumentException("the token has no sub claim: " + abbreviated(token));
        }
        JsonNode team = claims.get("team");
        return new Caller(token, subject.asString(), team != null && team.isString() ? team.asString() : null);
    }

    private static String abbreviated(String token) {
        return token.length() <= 12 ? token : token.substring(0, 12) + "...";
    }
}
