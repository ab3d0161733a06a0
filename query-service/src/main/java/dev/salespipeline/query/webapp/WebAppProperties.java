package dev.salespipeline.query.webapp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code pipeline.web.*}: what the dashboard served under {@code /app/} needs to know before anyone has signed in.
 *
 * @param issuer            the OpenID Connect issuer the app signs in with (authorization code with PKCE); by default
 *                          the issuer the service itself trusts ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri})
 * @param clientId          the app's client id at that issuer (a public client: no secret); also to be listed in
 *                          {@code pipeline.security.web-client-ids}, so that its commands count as source {@code web}
 * @param scope             the scopes the app asks for
 * @param commandServiceUrl where command-service answers, as the browser reaches it (its CORS settings must allow
 *                          this service's origin); empty when both are behind one address
 * @param companyTimeZone   the company's time zone, in which the app shows days and shifts
 */
@ConfigurationProperties("pipeline.web")
public record WebAppProperties(
        @DefaultValue("") String issuer,
        @DefaultValue("sales-pipeline-web") String clientId,
        @DefaultValue("openid profile") String scope,
        @DefaultValue("") String commandServiceUrl,
        @DefaultValue("UTC") String companyTimeZone) {
}
