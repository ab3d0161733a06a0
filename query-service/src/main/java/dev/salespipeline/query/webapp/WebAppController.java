package dev.salespipeline.query.webapp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import io.swagger.v3.oas.annotations.Hidden;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard's page and its settings. Its scripts, styles and translations are static resources under
 * {@code classpath:/static/app/}; this controller serves the page itself, with the app's settings in it (where the
 * identity provider and command-service are) and a content security policy that lets it talk to this service, those
 * two and nothing else, and the same settings as {@code /app/config.json}. Neither needs a token: the app reads them before anyone has signed in.
 */
@Hidden
@RestController
@EnableConfigurationProperties(WebAppProperties.class)
class WebAppController {

    private static final String PAGE = "static/app/index.html";
    private static final String CONFIG_PLACEHOLDER = "<meta name=\"app-config\" content=\"\">";

    private final WebAppProperties properties;
    private final byte[] page;
    private final String contentSecurityPolicy;

    WebAppController(WebAppProperties properties, JsonMapper json) {
        this.properties = properties;
        // the settings go into the page itself, so that the app needs no request for them before signing in
        String settings = HtmlUtils.htmlEscape(json.writeValueAsString(config()), StandardCharsets.UTF_8.name());
        String template = new String(read(PAGE), StandardCharsets.UTF_8);
        if (!template.contains(CONFIG_PLACEHOLDER)) {
            throw new IllegalStateException("The dashboard's page has no " + CONFIG_PLACEHOLDER);
        }
        this.page = template.replace(CONFIG_PLACEHOLDER, "<meta name=\"app-config\" content=\"" + settings + "\">")
                .getBytes(StandardCharsets.UTF_8);
        this.contentSecurityPolicy = contentSecurityPolicy(properties);
    }

    @GetMapping("/app")
    ResponseEntity<Void> app() {
        return ResponseEntity.status(302).location(URI.create("/app/")).build();
    }

    @GetMapping(path = {"/app/", "/app/index.html"}, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<byte[]> page() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noCache())
                .header("Content-Security-Policy", contentSecurityPolicy)
                .header("Referrer-Policy", "no-referrer")
                .body(page);
    }

    @GetMapping(path = "/app/config.json", produces = MediaType.APPLICATION_JSON_VALUE)
    WebAppConfig config() {
        return new WebAppConfig(properties.issuer(), properties.clientId(), properties.scope(),
                properties.commandServiceUrl(), properties.companyTimeZone());
    }

    /**
     * What the app is told at start.
     *
     * @param issuer            the OpenID Connect issuer (its discovery document is at
     *                          {@code <issuer>/.well-known/openid-configuration})
     * @param clientId          the app's client id there
     * @param scope             the scopes to ask for
     * @param commandServiceUrl command-service's address as the browser reaches it; empty for this origin
     * @param companyTimeZone   the zone of days and shifts
     */
    record WebAppConfig(String issuer, String clientId, String scope, String commandServiceUrl,
                        String companyTimeZone) {
    }

    /** Scripts and styles from this origin only; requests to it, to command-service and to the issuer. */
    static String contentSecurityPolicy(WebAppProperties properties) {
        Set<String> connect = new LinkedHashSet<>();
        connect.add("'self'");
        origin(properties.commandServiceUrl()).ifPresent(connect::add);
        origin(properties.issuer()).ifPresent(connect::add);
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src " + String.join(" ", connect) + "; form-action 'self' " + String.join(" ", connect)
                + "; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";
    }

    private static Optional<String> origin(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        URI uri = URI.create(url.trim());
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalStateException("Not an absolute URL in pipeline.web.*: " + url);
        }
        return Optional.of(uri.getScheme() + "://" + uri.getHost()
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
    }

    private static byte[] read(String location) {
        try (InputStream in = new ClassPathResource(location).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("The dashboard's page is missing from the jar: " + location, e);
        }
    }
}
