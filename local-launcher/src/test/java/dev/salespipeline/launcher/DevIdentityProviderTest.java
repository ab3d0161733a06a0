package dev.salespipeline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The development OpenID Connect provider over real HTTP, as the web dashboard uses it: discovery, the authorization
 * code flow with PKCE, the JWK set, sign-out, and what it refuses.
 */
class DevIdentityProviderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CLIENT = DevIdentityProvider.WEB_CLIENT_ID;

    @TempDir
    static Path dataDir;

    private static DevIdentity identity;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final SettableClock clock = new SettableClock();
    private DevIdentityProvider provider;
    private String origin;
    private String redirectUri;

    @BeforeAll
    static void openIdentity() {
        identity = DevIdentity.open(dataDir);
    }

    @BeforeEach
    void startProvider() throws IOException {
        // the dashboard's origin: nothing needs to listen there, redirects are not followed
        origin = "http://localhost:" + freePort();
        redirectUri = origin + "/app/";
        provider = DevIdentityProvider.start(identity, freePort(), List.of(origin), LIFETIME, clock);
    }

    @AfterEach
    void stopProvider() {
        provider.close();
    }

    @Test
    void discoveryDocumentNamesTheEndpointsAndWhatIsSupported() throws Exception {
        HttpResponse<String> response = send(request("/.well-known/openid-configuration").header("Origin", origin)
                .GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(origin);
        JsonNode document = JSON.readTree(response.body());
        String issuer = "http://localhost:" + provider.port();
        assertThat(provider.issuer()).isEqualTo(issuer);
        assertThat(document.get("issuer").asString()).isEqualTo(issuer);
        assertThat(document.get("authorization_endpoint").asString()).isEqualTo(issuer + "/authorize");
        assertThat(document.get("token_endpoint").asString()).isEqualTo(issuer + "/token");
        assertThat(document.get("jwks_uri").asString()).isEqualTo(issuer + "/jwks");
        assertThat(document.get("end_session_endpoint").asString()).isEqualTo(issuer + "/logout");
        assertThat(strings(document.get("response_types_supported"))).containsExactly("code");
        assertThat(strings(document.get("grant_types_supported"))).containsExactly("authorization_code");
        assertThat(strings(document.get("code_challenge_methods_supported"))).containsExactly("S256");
        assertThat(strings(document.get("subject_types_supported"))).containsExactly("public");
        assertThat(strings(document.get("id_token_signing_alg_values_supported"))).containsExactly("RS256");
        assertThat(strings(document.get("scopes_supported"))).contains("openid");
        assertThat(strings(document.get("token_endpoint_auth_methods_supported"))).containsExactly("none");

        HttpResponse<String> foreign = send(request("/.well-known/openid-configuration")
                .header("Origin", "http://evil.example").GET());
        assertThat(foreign.statusCode()).isEqualTo(200);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void signsInWithCodeAndPkceAndIssuesTokensVerifiedWithTheJwksKey() throws Exception {
        HttpResponse<String> page = send(request("/authorize?" + query(authorization())).GET());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/html"));
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.body()).contains("Sign in to Sales pipeline (local development)", "<form method=\"post\"",
                "action=\"/authorize\"", "Anna Berg");
        assertThat(DevIdentity.demoUsers()).allSatisfy(user -> assertThat(page.body())
                .contains("id=\"user-" + user.id() + "\""));
        assertThat(page.body()).contains("name=\"code_challenge\" value=\"" + DevIdentityProvider.challengeOf(VERIFIER)
                + "\"", "name=\"state\" value=\"state-1\"", "name=\"nonce\" value=\"nonce-1\"");

        HttpResponse<String> chosen = chooseUser("anna", authorization());

        assertThat(chosen.statusCode()).isEqualTo(303);
        String location = chosen.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(redirectUri + "?");
        Map<String, String> callback = parameters(URI.create(location).getRawQuery());
        assertThat(callback).containsEntry("state", "state-1").containsEntry("iss", provider.issuer());
        assertThat(Base64.getUrlDecoder().decode(callback.get("code"))).hasSize(32);

        HttpResponse<String> tokens = exchange(callback.get("code"), VERIFIER, redirectUri);

        assertThat(tokens.statusCode()).isEqualTo(200);
        assertThat(tokens.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(tokens.headers().firstValue("Access-Control-Allow-Origin")).hasValue(origin);
        JsonNode body = JSON.readTree(tokens.body());
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(LIFETIME.getSeconds());
        assertThat(body.get("scope").asString()).isEqualTo("openid profile");

        JwtDecoder decoder = NimbusJwtDecoder.withPublicKey(jwksKey()).build();
        Jwt access = decoder.decode(body.get("access_token").asString());
        assertThat(access.getHeaders()).containsEntry("kid", identity.keyId()).containsEntry("alg", "RS256");
        assertThat(access.getSubject()).isEqualTo("anna");
        assertThat(access.getClaimAsStringList("roles")).containsExactly("rep");
        assertThat(access.getClaimAsString("team")).isEqualTo("north");
        assertThat(access.getClaimAsString("azp")).isEqualTo(CLIENT);
        assertThat(access.getClaimAsString("iss")).isEqualTo(provider.issuer());
        assertThat(Duration.between(access.getIssuedAt(), access.getExpiresAt())).isEqualTo(LIFETIME);

        Jwt id = decoder.decode(body.get("id_token").asString());
        assertThat(id.getSubject()).isEqualTo("anna");
        assertThat(id.getAudience()).containsExactly(CLIENT);
        assertThat(id.getClaimAsString("nonce")).isEqualTo("nonce-1");
        assertThat(id.getClaimAsString("name")).isEqualTo("Anna Berg");
        assertThat(id.getClaimAsString("iss")).isEqualTo(provider.issuer());
    }

    @Test
    void acceptsTheIndexPageAsRedirectUri() throws Exception {
        Map<String, String> authorization = authorization();
        authorization.put("redirect_uri", origin + "/app/index.html");

        String code = code(chooseUser("ben", authorization));

        assertThat(exchange(code, VERIFIER, origin + "/app/index.html").statusCode()).isEqualTo(200);
    }

    @Test
    void theJwksHoldsThePublicKeyOfTheDevelopmentIdentity() throws Exception {
        HttpResponse<String> response = send(request("/jwks").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode key = JSON.readTree(response.body()).get("keys").get(0);
        assertThat(key.get("kty").asString()).isEqualTo("RSA");
        assertThat(key.get("kid").asString()).isEqualTo(identity.keyId());
        assertThat(key.get("use").asString()).isEqualTo("sig");
        assertThat(key.get("alg").asString()).isEqualTo("RS256");
        assertThat(jwksKey()).isEqualTo(identity.publicKey());
    }

    @Test
    void aWrongVerifierIsAnInvalidGrantAndSpendsTheCode() throws Exception {
        String code = code(chooseUser("anna", authorization()));

        HttpResponse<String> wrong = exchange(code, "x".repeat(43), redirectUri);

        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(error(wrong)).isEqualTo("invalid_grant");
        assertThat(error(exchange(code, VERIFIER, redirectUri))).isEqualTo("invalid_grant");
    }

    @Test
    void aCodeWorksOnceOnly() throws Exception {
        String code = code(chooseUser("anna", authorization()));
        assertThat(exchange(code, VERIFIER, redirectUri).statusCode()).isEqualTo(200);

        HttpResponse<String> again = exchange(code, VERIFIER, redirectUri);

        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(error(again)).isEqualTo("invalid_grant");
        assertThat(JSON.readTree(again.body()).has("access_token")).isFalse();
    }

    @Test
    void aCodeExpiresAfterAMinute() throws Exception {
        String code = code(chooseUser("anna", authorization()));
        clock.advance(DevIdentityProvider.CODE_LIFETIME.plusSeconds(1));

        HttpResponse<String> late = exchange(code, VERIFIER, redirectUri);

        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(error(late)).isEqualTo("invalid_grant");
    }

    @Test
    void theCodeIsBoundToItsRedirectUri() throws Exception {
        String code = code(chooseUser("anna", authorization()));

        assertThat(error(exchange(code, VERIFIER, origin + "/app/index.html"))).isEqualTo("invalid_grant");
    }

    @Test
    void theTokenEndpointAnswersRfc6749Errors() throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", CLIENT);
        assertThat(error(post("/token", form))).isEqualTo("unsupported_grant_type");

        form.put("grant_type", "authorization_code");
        form.put("client_id", "someone-else");
        assertThat(error(post("/token", form))).isEqualTo("invalid_client");

        form.put("client_id", CLIENT);
        HttpResponse<String> incomplete = post("/token", form);
        assertThat(incomplete.statusCode()).isEqualTo(400);
        assertThat(error(incomplete)).isEqualTo("invalid_request");

        form.put("code", "no-such-code");
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", VERIFIER);
        assertThat(error(post("/token", form))).isEqualTo("invalid_grant");
    }

    @Test
    void anUnknownClientOrForeignRedirectUriGetsAnErrorPageAndNoRedirect() throws Exception {
        Map<String, String> unknownClient = authorization();
        unknownClient.put("client_id", "<b>other</b>");
        HttpResponse<String> refused = send(request("/authorize?" + query(unknownClient)).GET());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Location")).isEmpty();
        assertThat(refused.body()).contains("&lt;b&gt;other&lt;/b&gt;").doesNotContain("<b>other</b>");

        for (String foreign : List.of("http://evil.example/app/", origin + "/app/other", origin + ".evil.example/app/",
                origin + "/app/?next=x", origin.replace("localhost", "127.0.0.1") + "/app/", "/app/")) {
            Map<String, String> authorization = authorization();
            authorization.put("redirect_uri", foreign);
            HttpResponse<String> page = send(request("/authorize?" + query(authorization)).GET());
            assertThat(page.statusCode()).as(foreign).isEqualTo(400);
            assertThat(page.headers().firstValue("Location")).as(foreign).isEmpty();
            assertThat(page.body()).doesNotContain("id=\"user-anna\"");

            HttpResponse<String> posted = chooseUser("anna", authorization);
            assertThat(posted.statusCode()).as(foreign).isEqualTo(400);
            assertThat(posted.headers().firstValue("Location")).as(foreign).isEmpty();
        }
    }

    @Test
    void aMissingOrPlainCodeChallengeIsRedirectedAsAnError() throws Exception {
        Map<String, String> missing = authorization();
        missing.remove("code_challenge");
        missing.remove("code_challenge_method");
        Map<String, String> plain = authorization();
        plain.put("code_challenge", VERIFIER);
        plain.put("code_challenge_method", "plain");

        for (Map<String, String> authorization : List.of(missing, plain)) {
            HttpResponse<String> response = send(request("/authorize?" + query(authorization)).GET());

            assertThat(response.statusCode()).isEqualTo(303);
            String location = response.headers().firstValue("Location").orElseThrow();
            assertThat(location).startsWith(redirectUri + "?");
            assertThat(parameters(URI.create(location).getRawQuery()))
                    .containsEntry("error", "invalid_request")
                    .containsEntry("state", "state-1")
                    .doesNotContainKey("code");
        }
    }

    @Test
    void otherBadRequestsAreRedirectedWithTheirError() throws Exception {
        Map<String, String> implicit = authorization();
        implicit.put("response_type", "token");
        assertThat(redirectedError(send(request("/authorize?" + query(implicit)).GET())))
                .isEqualTo("unsupported_response_type");

        Map<String, String> noOpenid = authorization();
        noOpenid.put("scope", "profile");
        assertThat(redirectedError(send(request("/authorize?" + query(noOpenid)).GET()))).isEqualTo("invalid_scope");

        Map<String, String> silent = authorization();
        silent.put("prompt", "none");
        assertThat(redirectedError(send(request("/authorize?" + query(silent)).GET()))).isEqualTo("login_required");

        Map<String, String> cancelled = authorization();
        cancelled.put("cancel", "1");
        assertThat(redirectedError(post("/authorize", cancelled))).isEqualTo("access_denied");
    }

    @Test
    void escapesWhatItWritesIntoTheSignInPage() throws Exception {
        Map<String, String> authorization = authorization();
        authorization.put("state", "\"><script>alert(1)</script>");
        authorization.put("nonce", "a'b&c");

        HttpResponse<String> page = send(request("/authorize?" + query(authorization)).GET());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("<script>")
                .contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"", "value=\"a&#39;b&amp;c\"");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("default-src 'none'", "frame-ancestors 'none'"));
    }

    @Test
    void refusesAParameterGivenTwiceOrAnUnknownUser() throws Exception {
        String twice = query(authorization()) + "&client_id=" + CLIENT;
        HttpResponse<String> page = send(request("/authorize?" + twice).GET());
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Location")).isEmpty();

        HttpResponse<String> mallory = chooseUser("mallory", authorization());
        assertThat(mallory.statusCode()).isEqualTo(400);
        assertThat(mallory.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void answersTheCorsPreflightOfTheTokenEndpointForTheAllowedOriginOnly() throws Exception {
        HttpResponse<String> allowed = send(request("/token").header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertThat(allowed.statusCode()).isEqualTo(204);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(origin);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(methods ->
                assertThat(methods).contains("POST"));
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(headers ->
                assertThat(headers).containsIgnoringCase("content-type"));

        HttpResponse<String> foreign = send(request("/token").header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();

        // the exchange itself carries no CORS header for a foreign origin either
        HttpResponse<String> post = send(request("/token").header("Origin", "http://evil.example")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code")));
        assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void signOutGoesBackToTheDashboardOnly() throws Exception {
        HttpResponse<String> back = send(request("/logout?post_logout_redirect_uri="
                + encode(origin + "/app/") + "&state=s1").GET());

        assertThat(back.statusCode()).isEqualTo(303);
        assertThat(back.headers().firstValue("Location")).hasValue(origin + "/app/?state=s1");

        for (String foreign : List.of("http://evil.example/", origin + ".evil.example/app/",
                "http://user@" + origin.substring("http://".length()) + "/app/", "javascript:alert(1)")) {
            HttpResponse<String> refused = send(request("/logout?post_logout_redirect_uri=" + encode(foreign)).GET());

            assertThat(refused.statusCode()).as(foreign).isEqualTo(200);
            assertThat(refused.headers().firstValue("Location")).as(foreign).isEmpty();
            assertThat(refused.body()).contains("Signed out");
        }
        assertThat(send(request("/logout").GET()).body()).contains("Signed out");
    }

    @Test
    void refusesAnOversizedBody() throws Exception {
        String huge = "grant_type=authorization_code&padding=" + "a".repeat(DevIdentityProvider.MAX_BODY_BYTES);

        HttpResponse<String> token = send(request("/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(huge)));
        HttpResponse<String> authorize = send(request("/authorize")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(huge)));

        assertThat(token.statusCode()).isEqualTo(413);
        assertThat(error(token)).isEqualTo("invalid_request");
        assertThat(authorize.statusCode()).isEqualTo(413);
        assertThat(authorize.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void refusesOverlongParameters() throws Exception {
        Map<String, String> authorization = authorization();
        authorization.put("state", "s".repeat(DevIdentityProvider.MAX_PARAMETER_LENGTH + 1));

        HttpResponse<String> page = send(request("/authorize?" + query(authorization)).GET());

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void turnsSignInsAwayWhenTooManyCodesAreOutstandingUntilTheyExpire() throws Exception {
        for (int i = 0; i < DevIdentityProvider.MAX_OUTSTANDING_CODES; i++) {
            assertThat(chooseUser("anna", authorization()).statusCode()).isEqualTo(303);
        }
        assertThat(redirectedError(chooseUser("anna", authorization()))).isEqualTo("temporarily_unavailable");

        clock.advance(DevIdentityProvider.CODE_LIFETIME);

        String code = code(chooseUser("anna", authorization()));
        assertThat(exchange(code, VERIFIER, redirectUri).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownPathsAreNotFoundAndOtherMethodsNotAllowed() throws Exception {
        assertThat(send(request("/").GET()).statusCode()).isEqualTo(404);
        assertThat(send(request("/userinfo").GET()).statusCode()).isEqualTo(404);
        assertThat(send(request("/jwks/more").GET()).statusCode()).isEqualTo(404);
        HttpResponse<String> getToken = send(request("/token").GET());
        assertThat(getToken.statusCode()).isEqualTo(405);
        assertThat(getToken.headers().firstValue("Allow")).hasValue("POST, OPTIONS");
        assertThat(send(request("/jwks").DELETE()).statusCode()).isEqualTo(405);
    }

    @Test
    void refusesOriginsThatAreNotPlainOrigins() {
        for (String notAnOrigin : List.of("http://localhost:8082/", "http://localhost:8082/app", "localhost:8082",
                "ftp://localhost", "http://LOCALHOST:8082")) {
            assertThatThrownBy(() -> DevIdentityProvider.start(identity, 0,
                    List.of(notAnOrigin), LIFETIME)).as(notAnOrigin).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** The request the dashboard makes, state, nonce and challenge included. */
    private Map<String, String> authorization() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", CLIENT);
        parameters.put("redirect_uri", redirectUri);
        parameters.put("scope", "openid profile");
        parameters.put("state", "state-1");
        parameters.put("nonce", "nonce-1");
        parameters.put("code_challenge", DevIdentityProvider.challengeOf(VERIFIER));
        parameters.put("code_challenge_method", "S256");
        return parameters;
    }

    /** What a click on a user's button on the sign-in page sends. */
    private HttpResponse<String> chooseUser(String user, Map<String, String> authorization) throws Exception {
        Map<String, String> form = new LinkedHashMap<>(authorization);
        form.put("user", user);
        return post("/authorize", form);
    }

    private HttpResponse<String> exchange(String code, String verifier, String redirect) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirect);
        form.put("client_id", CLIENT);
        form.put("code_verifier", verifier);
        return post("/token", form);
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        return send(request(path).header("Origin", origin)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(query(form))));
    }

    private String code(HttpResponse<String> redirect) {
        assertThat(redirect.statusCode()).isEqualTo(303);
        return parameters(URI.create(redirect.headers().firstValue("Location").orElseThrow()).getRawQuery())
                .get("code");
    }

    private String redirectedError(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(303);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(redirectUri + "?");
        return parameters(URI.create(location).getRawQuery()).get("error");
    }

    private static String error(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(response.body()).get("error").asString();
    }

    /** The key of the provider's JWK set, built from {@code n} and {@code e} alone. */
    private RSAPublicKey jwksKey() throws Exception {
        JsonNode key = JSON.readTree(send(request("/jwks").GET()).body()).get("keys").get(0);
        BigInteger modulus = new BigInteger(1, Base64.getUrlDecoder().decode(key.get("n").asString()));
        BigInteger exponent = new BigInteger(1, Base64.getUrlDecoder().decode(key.get("e").asString()));
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(provider.issuer() + path)).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String query(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(parameter -> encode(parameter.getKey()) + "=" + encode(parameter.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The system clock, moved forward by the test. */
    private static final class SettableClock extends Clock {

        private volatile Duration ahead = Duration.ZERO;

        void advance(Duration duration) {
            ahead = ahead.plus(duration);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
