package dev.salespipeline.security;

import java.time.Clock;
import java.util.List;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The security of every HTTP service: stateless JWT bearer authentication, the service's
 * {@link EndpointRules}, everything else denied; health and the OpenAPI document open; problem JSON
 * for 401 and 403; CORS only for the configured origins; Spring Security's default headers
 * (no sniffing, no framing, no caching of API answers).
 */
@AutoConfiguration(beforeName = {
    // Each of these backs off from its default filter chain once ours exists.
    "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
    "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration"
})
@EnableConfigurationProperties(PipelineSecurityProperties.class)
public class PipelineSecurityAutoConfiguration {

    /** Readable without a token: liveness and readiness for orchestrators, and the API description. */
    private static final String[] PUBLIC_PATHS = {
        "/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**"
    };

    /** Tokens remembered as verified, each until it expires: about one per active user or integration. */
    private static final int VERIFIED_TOKENS_KEPT = 10_000;

    @Bean
    SecurityFilterChain pipelineSecurityFilterChain(HttpSecurity http, EndpointRules endpointRules,
                                                    PipelineSecurityProperties properties,
                                                    ObjectProvider<JwtDecoder> jwtDecoder) throws Exception {
        if (jwtDecoder.getIfAvailable() == null) {
            throw new IllegalStateException("No token issuer is configured, and this service does not run open. Set "
                    + "spring.security.oauth2.resourceserver.jwt.issuer-uri (or jwk-set-uri, or public-key-location), "
                    + "e.g. through SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI.");
        }
        ProblemResponses problems = new ProblemResponses();
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .cors(Customizer.withDefaults())
                .authorizeHttpRequests(rules -> {
                    rules.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    rules.requestMatchers(HttpMethod.GET, PUBLIC_PATHS).permitAll();
                    rules.requestMatchers(HttpMethod.OPTIONS, "/**").permitAll();
                    endpointRules.configure(rules);
                    rules.anyRequest().denyAll();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(new VerifiedTokens(decoder(jwtDecoder.getObject(), properties),
                                        Clock.systemUTC(), VERIFIED_TOKENS_KEPT))
                                .jwtAuthenticationConverter(new ActorJwtConverter(properties)))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems));
        return http.build();
    }

    /** The configured decoder, and the audience check when audiences are configured. */
    private static JwtDecoder decoder(JwtDecoder configured, PipelineSecurityProperties properties) {
        return properties.audiences().isEmpty() ? configured : new AudienceCheck(configured, properties.audiences());
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(PipelineSecurityProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
        cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.IF_MATCH,
                "Idempotency-Key", "X-Correlation-Id", "Last-Event-ID"));
        cors.setExposedHeaders(List.of(HttpHeaders.ETAG, HttpHeaders.LOCATION));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    @Bean
    WebMvcConfigurer actorArgumentResolverConfigurer() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new ActorArgumentResolver());
            }
        };
    }
}
