package dev.salespipeline.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OpenID Connect provider for the local stack, so that the web dashboard signs in there as it does with a real
 * identity provider: authorization code flow with PKCE ({@code S256}), one public client ({@value #WEB_CLIENT_ID}, no
 * secret), and a page listing the demo users of the {@link DevIdentity} instead of a password prompt.
 *
 * <p>Its address, {@code http://localhost:<port>}, is the issuer. Endpoints:
 * <ul>
 *   <li>{@code GET /.well-known/openid-configuration}: the discovery document;</li>
 *   <li>{@code GET /authorize}: checks the request and shows the demo users; {@code POST /authorize} (the page's
 *       form) issues a one-time code for the chosen user and sends the browser back to the client;</li>
 *   <li>{@code POST /token}: exchanges the code and its PKCE verifier for an access token (the development JWT of
 *       that user, with {@code azp} the client and {@code iss} this provider) and an ID token;</li>
 *   <li>{@code GET /jwks}: the public key as a JWK set;</li>
 *   <li>{@code GET /logout}: sends the browser back to {@code post_logout_redirect_uri} if it is on an allowed
 *       origin. The provider keeps no session, so there is nothing else to end: every sign-in shows the users
 *       again.</li>
 * </ul>
 *
 * <p>Redirect URIs are matched exactly: {@code <origin>/app/} or {@code <origin>/app/index.html} for each allowed
 * origin, and the same origins get CORS headers on the discovery document, the JWK set and the token endpoint.
 * Everything a request carries is bounded: the query string, each parameter, the form body
 * ({@value #MAX_BODY_BYTES} bytes) and the outstanding codes ({@value #MAX_OUTSTANDING_CODES}; expired ones are
 * dropped). It listens on the loopback interface only.
 *
 * <p>For local development only: anyone who reaches it can sign in as any demo user, the admin included. It is part
 * of the launcher and of no service.
 */
public final class DevIdentityProvider implements AutoCloseable {

    /** The client id of the web dashboard, its only client. */
    public static final String WEB_CLIENT_ID = "sales-pipeline-web";

    /** The port unless told otherwise. */
    public static final int DEFAULT_PORT = 8084;

    /** The paths under an allowed origin that the client may be sent back to after signing in. */
    static final List<String> REDIRECT_PATHS = List.of("/app/", "/app/index.html");

    /** How long an authorization code can be exchanged. */
    static final Duration CODE_LIFETIME = Duration.ofSeconds(60);

    /** Codes issued and not yet expired, beyond which sign-ins are turned away until some expire. */
    static final int MAX_OUTSTANDING_CODES = 1_000;

    /** The largest form body read, in bytes. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    static final int MAX_QUERY_LENGTH = 8 * 1024;
    static final int MAX_PARAMETER_LENGTH = 2_048;
    static final int MAX_PARAMETERS = 32;

    private static final Logger log = LoggerFactory.getLogger(DevIdentityProvider.class);

    private static final List<String> SCOPES = List.of("openid", "profile");
    private static final int CODE_BYTES = 32;
    /** BASE64URL(SHA-256(verifier)): 32 bytes, 43 characters without padding. */
    private static final Pattern CODE_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** RFC 7636 section 4.1: 43 to 128 unreserved characters. */
    private static final Pattern CODE_VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON = "application/json";
    private static final String HTML = "text/html; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final int THREADS = 4;

    private final DevIdentity identity;
    private final Duration tokenLifetime;
    private final Clock clock;
    private final List<String> allowedOrigins;
    private final Set<String> redirectUris;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String issuer;
    private final SecureRandom random = new SecureRandom();
    /** Issued codes, until they expire; guarded by itself. */
    private final Map<String, PendingCode> codes = new HashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private DevIdentityProvider(DevIdentity identity, HttpServer server, ExecutorService executor,
            List<String> allowedOrigins, Duration tokenLifetime, Clock clock) {
        this.identity = identity;
        this.server = server;
        this.executor = executor;
        this.allowedOrigins = allowedOrigins;
        this.tokenLifetime = tokenLifetime;
        this.clock = clock;
        this.issuer = "http://localhost:" + server.getAddress().getPort();
        this.redirectUris = allowedOrigins.stream()
                .flatMap(origin -> REDIRECT_PATHS.stream().map(path -> origin + path))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * Starts the provider on {@code localhost:port}.
     *
     * @param identity       whose key signs the tokens, and whose demo users can sign in
     * @param port           the port, or 0 for a free one
     * @param allowedOrigins the origins of the web dashboard, such as {@code http://localhost:8082}: where the client
     *                       may be sent back to, and which get CORS headers
     * @param tokenLifetime  how long the tokens issued are valid, at least a second
     * @throws IllegalArgumentException if an origin is not {@code scheme://host[:port]} or the lifetime is too short
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static DevIdentityProvider start(DevIdentity identity, int port, List<String> allowedOrigins,
            Duration tokenLifetime) {
        return start(identity, port, allowedOrigins, tokenLifetime, Clock.systemUTC());
    }

    static DevIdentityProvider start(DevIdentity identity, int port, List<String> allowedOrigins,
            Duration tokenLifetime, Clock clock) {
        Objects.requireNonNull(identity, "identity");
        if (tokenLifetime.getSeconds() < 1) {
            throw new IllegalArgumentException("The token lifetime must be at least a second, got " + tokenLifetime);
        }
        List<String> origins = List.copyOf(allowedOrigins);
        origins.forEach(DevIdentityProvider::checkOrigin);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("The identity provider could not listen on localhost:" + port
                    + " (--identity-port)", e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "dev-identity-provider-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        DevIdentityProvider provider = new DevIdentityProvider(identity, server, executor, origins, tokenLifetime,
                clock);
        server.createContext("/", provider::handle);
        server.setExecutor(executor);
        server.start();
        log.info("Identity provider for the web dashboard listening at {}", provider.issuer);
        return provider;
    }

    /** {@code http://localhost:<port>}: the base URL of the endpoints and the {@code iss} of the tokens issued. */
    public String issuer() {
        return issuer;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The redirect URIs the client may use, in order. */
    public List<String> redirectUris() {
        return List.copyOf(redirectUris);
    }

    /** Stops listening at once; codes not yet exchanged are lost. Closing again does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void handle(HttpExchange exchange) {
        try {
            switch (exchange.getRequestURI().getRawPath()) {
                case "/.well-known/openid-configuration" -> discovery(exchange);
                case "/authorize" -> authorize(exchange);
                case "/token" -> token(exchange);
                case "/jwks" -> jwks(exchange);
                case "/logout" -> logout(exchange);
                default -> send(exchange, 404, TEXT, "Not found\n");
            }
        } catch (IOException e) {
            log.debug("Identity provider: could not answer {} {}", exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), e);
        } catch (RuntimeException e) {
            log.warn("Identity provider: {} {} failed", exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), e);
            try {
                send(exchange, 500, TEXT, "Internal error\n");
            } catch (IOException | RuntimeException ignored) {
                // the answer had begun already, or the client left
            }
        } finally {
            exchange.close();
        }
    }

    // ---- discovery and keys

    private void discovery(HttpExchange exchange) throws IOException {
        if (!readOnly(exchange)) {
            return;
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("authorization_endpoint", issuer + "/authorize");
        document.put("token_endpoint", issuer + "/token");
        document.put("jwks_uri", issuer + "/jwks");
        document.put("end_session_endpoint", issuer + "/logout");
        document.put("response_types_supported", List.of("code"));
        document.put("response_modes_supported", List.of("query"));
        document.put("grant_types_supported", List.of("authorization_code"));
        document.put("code_challenge_methods_supported", List.of("S256"));
        document.put("token_endpoint_auth_methods_supported", List.of("none"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("scopes_supported", SCOPES);
        document.put("claims_supported", List.of("iss", "sub", "aud", "azp", "nonce", "name", "roles", "team", "iat",
                "exp"));
        document.put("authorization_response_iss_parameter_supported", true);
        sendJson(exchange, 200, document);
    }

    private void jwks(HttpExchange exchange) throws IOException {
        if (!readOnly(exchange)) {
            return;
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        sendJson(exchange, 200, Map.of("keys", List.of(identity.publicJwk())));
    }

    /** GET with CORS headers for an allowed origin, or the preflight for it; false if the request is answered. */
    private boolean readOnly(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("OPTIONS")) {
            preflight(exchange, "GET");
            return false;
        }
        if (!method.equals("GET")) {
            methodNotAllowed(exchange, "GET, OPTIONS");
            return false;
        }
        cors(exchange);
        return true;
    }

    // ---- authorization endpoint

    private void authorize(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("POST")) {
            methodNotAllowed(exchange, "GET, POST");
            return;
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        Map<String, String> parameters;
        try {
            parameters = method.equals("GET") ? query(exchange) : form(exchange);
        } catch (Unreadable e) {
            errorPage(exchange, e.status(), e.getMessage());
            return;
        }

        // a client or redirect URI that is not registered is never redirected to: the page says what is wrong
        String clientId = parameters.get("client_id");
        if (clientId == null) {
            errorPage(exchange, 400, "The request names no client (client_id).");
            return;
        }
        if (!clientId.equals(WEB_CLIENT_ID)) {
            errorPage(exchange, 400, "Unknown client \u201c" + clientId + "\u201d. The only client here is "
                    + WEB_CLIENT_ID + ".");
            return;
        }
        String redirectUri = parameters.get("redirect_uri");
        if (redirectUri == null) {
            errorPage(exchange, 400, "The request has no redirect_uri.");
            return;
        }
        if (!redirectUris.contains(redirectUri)) {
            errorPage(exchange, 400, "The redirect URI \u201c" + redirectUri + "\u201d is not registered for "
                    + WEB_CLIENT_ID + ". Registered: " + String.join(", ", redirectUris) + ".");
            return;
        }

        // from here on, errors go back to the client (RFC 6749 section 4.1.2.1)
        String state = parameters.get("state");
        String responseType = parameters.get("response_type");
        if (responseType == null) {
            redirectError(exchange, redirectUri, state, "invalid_request", "response_type is required");
            return;
        }
        if (!responseType.equals("code")) {
            redirectError(exchange, redirectUri, state, "unsupported_response_type", "Only response_type=code");
            return;
        }
        String responseMode = parameters.get("response_mode");
        if (responseMode != null && !responseMode.equals("query")) {
            redirectError(exchange, redirectUri, state, "invalid_request", "Only response_mode=query");
            return;
        }
        String codeChallenge = parameters.get("code_challenge");
        if (codeChallenge == null) {
            redirectError(exchange, redirectUri, state, "invalid_request", "PKCE is required: code_challenge");
            return;
        }
        if (!"S256".equals(parameters.get("code_challenge_method"))) {
            redirectError(exchange, redirectUri, state, "invalid_request", "code_challenge_method must be S256");
            return;
        }
        if (!CODE_CHALLENGE.matcher(codeChallenge).matches()) {
            redirectError(exchange, redirectUri, state, "invalid_request",
                    "code_challenge must be the base64url SHA-256 of the verifier, 43 characters");
            return;
        }
        List<String> requested = Arrays.asList(parameters.getOrDefault("scope", "").split(" "));
        if (!requested.contains("openid")) {
            redirectError(exchange, redirectUri, state, "invalid_scope", "The scope must include openid");
            return;
        }
        if (Arrays.asList(parameters.getOrDefault("prompt", "").split(" ")).contains("none")) {
            // there is no session to sign in silently with: every sign-in picks a user
            redirectError(exchange, redirectUri, state, "login_required", "Pick a user on the sign-in page");
            return;
        }
        AuthorizationRequest request = new AuthorizationRequest(clientId, redirectUri, state, codeChallenge,
                parameters.get("nonce"),
                SCOPES.stream().filter(requested::contains).collect(Collectors.joining(" ")));

        if (method.equals("GET")) {
            signInPage(exchange, request);
            return;
        }
        if (parameters.containsKey("cancel")) {
            redirectError(exchange, redirectUri, state, "access_denied", "Sign-in cancelled");
            return;
        }
        String userId = parameters.get("user");
        if (userId == null || DevIdentity.demoUser(userId).isEmpty()) {
            errorPage(exchange, 400, "Pick one of the demo users.");
            return;
        }
        String code = issueCode(request, userId);
        if (code == null) {
            log.warn("Identity provider: {} codes outstanding, turning sign-ins away until some expire",
                    MAX_OUTSTANDING_CODES);
            redirectError(exchange, redirectUri, state, "temporarily_unavailable", "Too many sign-ins at once");
            return;
        }
        Map<String, String> response = new LinkedHashMap<>();
        response.put("code", code);
        if (state != null) {
            response.put("state", state);
        }
        response.put("iss", issuer);
        redirect(exchange, redirectUri, response);
    }

    private String issueCode(AuthorizationRequest request, String userId) {
        byte[] bytes = new byte[CODE_BYTES];
        random.nextBytes(bytes);
        String code = BASE64URL.encodeToString(bytes);
        Instant now = clock.instant();
        synchronized (codes) {
            codes.values().removeIf(pending -> !now.isBefore(pending.expiresAt()));
            if (codes.size() >= MAX_OUTSTANDING_CODES) {
                return null;
            }
            codes.put(code, new PendingCode(request, userId, now.plus(CODE_LIFETIME), false));
        }
        return code;
    }

    private void signInPage(HttpExchange exchange, AuthorizationRequest request) throws IOException {
        StringBuilder hidden = new StringBuilder();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("response_type", "code");
        fields.put("client_id", request.clientId());
        fields.put("redirect_uri", request.redirectUri());
        fields.put("state", request.state());
        fields.put("code_challenge", request.codeChallenge());
        fields.put("code_challenge_method", "S256");
        fields.put("nonce", request.nonce());
        fields.put("scope", request.scope());
        fields.forEach((name, value) -> {
            if (value != null) {
                hidden.append("    <input type=\"hidden\" name=\"").append(escape(name)).append("\" value=\"")
                        .append(escape(value)).append("\">\n");
            }
        });
        StringBuilder users = new StringBuilder();
        for (DevIdentity.DemoUser user : DevIdentity.demoUsers()) {
            users.append("      <li><button type=\"submit\" name=\"user\" value=\"").append(escape(user.id()))
                    .append("\" id=\"user-").append(escape(user.id())).append("\">")
                    .append("<span class=\"name\">").append(escape(user.name())).append("</span>")
                    .append("<span class=\"role\">").append(escape(String.join(", ", user.roles()))).append("</span>")
                    .append("<span class=\"team\">").append(escape(user.team() == null ? "no team"
                            : "team " + user.team())).append("</span>")
                    .append("</button></li>\n");
        }
        String body = page("Sign in to Sales pipeline (local development)", """
                  <p>The development identity provider of the local launcher. Pick a demo user to sign in as;
                  no password is asked.</p>
                  <form method="post" action="/authorize">
                %s    <ul class="users">
                %s    </ul>
                    <p><button type="submit" name="cancel" value="1" id="cancel" class="cancel">Cancel</button></p>
                  </form>
                """.formatted(hidden, users));
        setPageHeaders(exchange);
        send(exchange, 200, HTML, body);
    }

    private void errorPage(HttpExchange exchange, int status, String message) throws IOException {
        setPageHeaders(exchange);
        send(exchange, status, HTML, page("Sign-in refused", "  <p class=\"error\">" + escape(message) + "</p>\n"
                + "  <p>The local launcher's identity provider serves the client " + WEB_CLIENT_ID + " only, with the "
                + "redirect URIs " + escape(String.join(", ", redirectUris)) + ".</p>\n"));
    }

    private void setPageHeaders(HttpExchange exchange) {
        Headers headers = exchange.getResponseHeaders();
        String formTargets = String.join(" ", allowedOrigins);
        headers.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
                + "frame-ancestors 'none'; form-action 'self'" + (formTargets.isEmpty() ? "" : " " + formTargets));
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-store");
    }

    private static String page(String title, String content) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%1$s</title>
                <style>
                  body { font-family: system-ui, sans-serif; background: #f4f5f7; color: #1d2433; margin: 0; }
                  main { max-width: 30rem; margin: 3rem auto; background: #fff; padding: 1.5rem 2rem;
                         border-radius: 8px; box-shadow: 0 1px 4px rgba(0, 0, 0, .12); }
                  h1 { font-size: 1.25rem; margin: 0 0 .75rem; }
                  p { line-height: 1.4; }
                  ul.users { list-style: none; padding: 0; margin: 1rem 0; }
                  ul.users li { margin: .4rem 0; }
                  ul.users button { display: grid; grid-template-columns: 1fr auto; width: 100%%; text-align: left;
                         padding: .6rem .8rem; border: 1px solid #c9cfd8; border-radius: 6px; background: #fff;
                         font: inherit; cursor: pointer; }
                  ul.users button:hover, ul.users button:focus { border-color: #2f6fdb; background: #eef4ff; }
                  .name { font-weight: 600; }
                  .role { grid-row: 1 / span 2; grid-column: 2; align-self: center; color: #2f6fdb; }
                  .team { color: #5b6474; font-size: .9em; }
                  .cancel { font: inherit; background: none; border: none; color: #5b6474; cursor: pointer;
                         text-decoration: underline; padding: 0; }
                  .error { color: #a4262c; font-weight: 600; }
                </style>
                </head>
                <body>
                <main>
                  <h1>%1$s</h1>
                %2$s</main>
                </body>
                </html>
                """.formatted(escape(title), content);
    }

    // ---- token endpoint

    private void token(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("OPTIONS")) {
            preflight(exchange, "POST");
            return;
        }
        if (!method.equals("POST")) {
            methodNotAllowed(exchange, "POST, OPTIONS");
            return;
        }
        cors(exchange);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Pragma", "no-cache");
        Map<String, String> parameters;
        try {
            parameters = form(exchange);
        } catch (Unreadable e) {
            tokenError(exchange, e.status(), "invalid_request", e.getMessage());
            return;
        }
        String grantType = parameters.get("grant_type");
        if (grantType == null) {
            tokenError(exchange, 400, "invalid_request", "grant_type is required");
            return;
        }
        if (!grantType.equals("authorization_code")) {
            tokenError(exchange, 400, "unsupported_grant_type", "Only authorization_code");
            return;
        }
        String clientId = parameters.get("client_id");
        if (clientId == null || !clientId.equals(WEB_CLIENT_ID)) {
            tokenError(exchange, 400, "invalid_client", "Unknown or missing client_id");
            return;
        }
        String code = parameters.get("code");
        String redirectUri = parameters.get("redirect_uri");
        String verifier = parameters.get("code_verifier");
        if (code == null || redirectUri == null || verifier == null) {
            tokenError(exchange, 400, "invalid_request", "code, redirect_uri and code_verifier are required");
            return;
        }
        if (!CODE_VERIFIER.matcher(verifier).matches()) {
            tokenError(exchange, 400, "invalid_request", "code_verifier must be 43 to 128 unreserved characters");
            return;
        }

        Instant now = clock.instant();
        PendingCode pending;
        synchronized (codes) {
            pending = codes.get(code);
            if (pending != null && !pending.used()) {
                // whatever follows, a code is presented once: a failed attempt spends it too
                codes.put(code, pending.spent());
            }
        }
        if (pending == null) {
            tokenError(exchange, 400, "invalid_grant", "Unknown or expired code");
            return;
        }
        AuthorizationRequest request = pending.request();
        if (pending.used()) {
            log.warn("Identity provider: an authorization code of {} for {} was presented a second time and refused; "
                    + "tokens issued for it stay valid until they expire", pending.userId(), request.clientId());
            tokenError(exchange, 400, "invalid_grant", "The code has been used already");
            return;
        }
        if (!now.isBefore(pending.expiresAt())) {
            tokenError(exchange, 400, "invalid_grant", "The code has expired");
            return;
        }
        if (!clientId.equals(request.clientId()) || !redirectUri.equals(request.redirectUri())) {
            tokenError(exchange, 400, "invalid_grant", "The code was issued to another client or redirect URI");
            return;
        }
        if (!MessageDigest.isEqual(challengeOf(verifier).getBytes(StandardCharsets.US_ASCII),
                request.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
            tokenError(exchange, 400, "invalid_grant", "The code_verifier does not match the code_challenge");
            return;
        }

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("access_token", identity.issueToken(pending.userId(), tokenLifetime, now, issuer,
                request.clientId()));
        response.put("id_token", identity.issueIdToken(pending.userId(), request.clientId(), request.nonce(),
                tokenLifetime, issuer, now));
        response.put("token_type", "Bearer");
        response.put("expires_in", tokenLifetime.getSeconds());
        response.put("scope", request.scope());
        log.info("Identity provider: {} signed in to {}", pending.userId(), request.clientId());
        sendJson(exchange, 200, response);
    }

    private void tokenError(HttpExchange exchange, int status, String error, String description) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        sendJson(exchange, status, body);
    }

    /** BASE64URL(SHA-256(ASCII(verifier))), RFC 7636 section 4.2. */
    static String challengeOf(String verifier) {
        try {
            return BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }

    // ---- end session endpoint

    private void logout(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("POST")) {
            methodNotAllowed(exchange, "GET, POST");
            return;
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        Map<String, String> parameters;
        try {
            parameters = method.equals("GET") ? query(exchange) : form(exchange);
        } catch (Unreadable e) {
            setPageHeaders(exchange);
            send(exchange, e.status(), HTML, page("Sign-out refused", "  <p class=\"error\">" + escape(e.getMessage())
                    + "</p>\n"));
            return;
        }
        String target = parameters.get("post_logout_redirect_uri");
        if (target != null && onAllowedOrigin(target)) {
            Map<String, String> response = new LinkedHashMap<>();
            if (parameters.get("state") != null) {
                response.put("state", parameters.get("state"));
            }
            redirect(exchange, target, response);
            return;
        }
        String note = target == null ? ""
                : "  <p>Not sent back to " + escape(target) + ": it is not on an origin of the web dashboard.</p>\n";
        setPageHeaders(exchange);
        send(exchange, 200, HTML, page("Signed out", "  <p>Signed out. You can close this page.</p>\n" + note));
    }

    /** Whether the URI is absolute, without user info or fragment, on one of the allowed origins. */
    private boolean onAllowedOrigin(String uri) {
        try {
            URI parsed = new URI(uri);
            if (!parsed.isAbsolute() || parsed.getRawUserInfo() != null || parsed.getRawFragment() != null
                    || parsed.getHost() == null) {
                return false;
            }
            String origin = parsed.getScheme().toLowerCase(Locale.ROOT) + "://"
                    + parsed.getHost().toLowerCase(Locale.ROOT) + (parsed.getPort() < 0 ? "" : ":" + parsed.getPort());
            return allowedOrigins.contains(origin);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    // ---- CORS

    /** The request's origin if it is allowed, else null. */
    private String allowedOrigin(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        return origin != null && allowedOrigins.contains(origin) ? origin : null;
    }

    private void cors(HttpExchange exchange) {
        Headers headers = exchange.getResponseHeaders();
        headers.add("Vary", "Origin");
        String origin = allowedOrigin(exchange);
        if (origin != null) {
            headers.set("Access-Control-Allow-Origin", origin);
        }
    }

    /** Answers a CORS preflight: allowed for an allowed origin asking for this method, refused without CORS headers otherwise. */
    private void preflight(HttpExchange exchange, String method) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.add("Vary", "Origin");
        headers.set("Allow", method + ", OPTIONS");
        String origin = allowedOrigin(exchange);
        String requestedMethod = exchange.getRequestHeaders().getFirst("Access-Control-Request-Method");
        if (exchange.getRequestHeaders().getFirst("Origin") == null) {
            exchange.sendResponseHeaders(204, -1); // not a preflight: only what is allowed
            return;
        }
        if (origin == null || !method.equals(requestedMethod)) {
            exchange.sendResponseHeaders(403, -1);
            return;
        }
        headers.set("Access-Control-Allow-Origin", origin);
        headers.set("Access-Control-Allow-Methods", method);
        headers.set("Access-Control-Allow-Headers", "Content-Type");
        headers.set("Access-Control-Max-Age", "600");
        exchange.sendResponseHeaders(204, -1);
    }

    // ---- reading requests

    private static Map<String, String> query(HttpExchange exchange) throws Unreadable {
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null && raw.length() > MAX_QUERY_LENGTH) {
            throw new Unreadable(414, "The query string is longer than " + MAX_QUERY_LENGTH + " characters.");
        }
        return parameters(raw == null ? "" : raw);
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException, Unreadable {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(FORM)) {
            throw new Unreadable(400, "The body must be " + FORM + ".");
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > MAX_BODY_BYTES) {
                    throw tooLarge();
                }
            } catch (NumberFormatException e) {
                throw new Unreadable(400, "Content-Length is not a number.");
            }
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return parameters(new String(body, StandardCharsets.UTF_8));
    }

    private static Unreadable tooLarge() {
        return new Unreadable(413, "The body is larger than " + MAX_BODY_BYTES + " bytes.");
    }

    /**
     * Decodes {@code application/x-www-form-urlencoded}. A parameter without a value counts as absent (RFC 6749
     * section 3.1); one given twice, too many of them or too long a value makes the request unreadable.
     */
    static Map<String, String> parameters(String raw) throws Unreadable {
        Map<String, String> parameters = new HashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        if (raw.isEmpty()) {
            return parameters;
        }
        String[] pairs = raw.split("&", -1);
        if (pairs.length > MAX_PARAMETERS) {
            throw new Unreadable(400, "More than " + MAX_PARAMETERS + " parameters.");
        }
        for (String pair : pairs) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new Unreadable(400, "A parameter is not properly percent-encoded.");
            }
            if (name.length() > MAX_PARAMETER_LENGTH || value.length() > MAX_PARAMETER_LENGTH) {
                throw new Unreadable(400, "A parameter is longer than " + MAX_PARAMETER_LENGTH + " characters.");
            }
            if (!seen.add(name)) {
                throw new Unreadable(400, "The parameter " + name + " is given more than once.");
            }
            if (!value.isEmpty()) {
                parameters.put(name, value);
            }
        }
        return parameters;
    }

    // ---- writing answers

    private static void redirect(HttpExchange exchange, String uri, Map<String, String> parameters)
            throws IOException {
        String query = parameters.entrySet().stream()
                .map(parameter -> encode(parameter.getKey()) + "=" + encode(parameter.getValue()))
                .collect(Collectors.joining("&"));
        String location = query.isEmpty() ? uri : uri + (uri.contains("?") ? "&" : "?") + query;
        exchange.getResponseHeaders().set("Location", location);
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.sendResponseHeaders(303, -1);
    }

    private void redirectError(HttpExchange exchange, String redirectUri, String state, String error,
            String description) throws IOException {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("error", error);
        parameters.put("error_description", description);
        if (state != null) {
            parameters.put("state", state);
        }
        parameters.put("iss", issuer);
        redirect(exchange, redirectUri, parameters);
    }

    private static void methodNotAllowed(HttpExchange exchange, String allowed) throws IOException {
        exchange.getResponseHeaders().set("Allow", allowed);
        send(exchange, 405, TEXT, "Method not allowed\n");
    }

    private static void sendJson(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        send(exchange, status, JSON, Json.write(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Escapes text for HTML element content and quoted attribute values. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static void checkOrigin(String origin) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not an origin: " + origin, e);
        }
        boolean plain = uri.getScheme() != null && (uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                && uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawPath().isEmpty()
                && uri.getRawQuery() == null && uri.getRawFragment() == null;
        if (!plain || !origin.equals(uri.getScheme() + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort()))) {
            throw new IllegalArgumentException("Not an origin (scheme://host[:port], lower case, no path): " + origin);
        }
    }

    /** What the client asked for in {@code /authorize}, checked. */
    private record AuthorizationRequest(String clientId, String redirectUri, String state, String codeChallenge,
            String nonce, String scope) {
    }

    /** An issued code: what it was issued for, until when, and whether it has been presented. */
    private record PendingCode(AuthorizationRequest request, String userId, Instant expiresAt, boolean used) {

        PendingCode spent() {
            return new PendingCode(request, userId, expiresAt, true);
        }
    }

    /** A request whose parameters or body cannot be taken: answered with this status. */
    static final class Unreadable extends Exception {

        private static final long serialVersionUID = 1L;

        private final int status;

        Unreadable(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
