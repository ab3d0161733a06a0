package dev.salespipeline.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code pipeline.security.*}: how tokens are read, and which browser origins may call the service.
 * Which tokens are trusted is Spring Boot's {@code spring.security.oauth2.resourceserver.jwt.*}
 * (issuer URI, JWK set URI or public key).
 *
 * @param claims         names of the claims that carry roles, team and display name
 * @param webClientIds   OAuth2 client ids ({@code azp}) of the web dashboard; their calls count as source {@code web}
 * @param allowedOrigins origins allowed by CORS; none by default
 * @param audiences      when set, a token is accepted only if its {@code aud} claim names one of these; to be
 *                       set in production, so that tokens the issuer made for other applications are refused
 */
@ConfigurationProperties("pipeline.security")
public record PipelineSecurityProperties(
        @DefaultValue Claims claims,
        @DefaultValue List<String> webClientIds,
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue List<String> audiences) {

    public record Claims(
            @DefaultValue("roles") String roles,
            @DefaultValue("team") String team,
            @DefaultValue("name") String name) {
    }
}
