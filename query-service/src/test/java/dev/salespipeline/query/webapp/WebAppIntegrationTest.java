package dev.salespipeline.query.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import dev.salespipeline.query.QueryServiceTestBase;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard is served under /app/ without a token (it holds no data), with a content security policy that lets
 * it talk to this service, command-service and the identity provider only; everything it reads needs the user's token.
 */
class WebAppIntegrationTest extends QueryServiceTestBase {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> fetch(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageLoadsWithoutATokenUnderAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = fetch("/app/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<script type=\"module\" src=\"js/main.js\"></script>")
                // the settings in the page, escaped as an attribute value
                .contains("<meta name=\"app-config\" content=\"{&quot;issuer&quot;:&quot;https://sso.example.com/realms/sales&quot;");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("script-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                .contains("connect-src 'self' https://commands.example.com https://sso.example.com");

        assertThat(fetch("/app").headers().firstValue("Location")).hasValue("/app/");
        HttpResponse<String> script = fetch("/app/js/main.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("javascript"));
        assertThat(fetch("/app/js/messages/pl.js").body()).contains("'nav.board': 'Tablica'");
        // kept by the browser, checked before each use: the second load answers without a body
        assertThat(script.headers().firstValue("Cache-Control")).hasValue("no-cache");
        String lastModified = script.headers().firstValue("Last-Modified").orElseThrow();
        HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/app/js/main.js"))
                .header("If-Modified-Since", lastModified).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(fetch("/app/no-such-file.js").statusCode()).isEqualTo(404);
    }

    @Test
    void theAppIsToldItsIssuerClientAndCommandServiceBeforeSignIn() throws Exception {
        HttpResponse<String> response = fetch("/app/config.json");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode config = JSON.readTree(response.body());
        assertThat(config.get("issuer").asString()).isEqualTo("https://sso.example.com/realms/sales");
        assertThat(config.get("clientId").asString()).isEqualTo("sales-pipeline-web");
        assertThat(config.get("commandServiceUrl").asString()).isEqualTo("https://commands.example.com");
        assertThat(config.get("scope").asString()).contains("openid");
        assertThat(config.get("companyTimeZone").asString()).isNotBlank();
    }

    @Test
    void everythingTheAppReadsStillNeedsTheUsersToken() throws Exception {
        assertThat(fetch("/pipelines").statusCode()).isEqualTo(401);
        // a path that climbs out of /app/ is refused before anything else (Spring Security's firewall)
        assertThat(fetch("/app/../pipelines").statusCode()).isEqualTo(400);
        assertThat(fetch("/app/%2e%2e/pipelines").statusCode()).isEqualTo(400);
    }
}
