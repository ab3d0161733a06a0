package dev.salespipeline.query.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import dev.salespipeline.security.EndpointRules;

/**
 * Who may call which endpoint of the query side; which documents each caller sees is filtered per
 * request. Integrations read nothing. Anything not listed here is denied. The dashboard under {@code /app/} is open:
 * it holds no data, and reads everything else with the user's token.
 */
@Configuration
class QueryEndpointRules {

    @Bean
    EndpointRules queryEndpoints() {
        return rules -> rules
                // the dashboard's page, scripts and settings: what it needs before anyone signs in, nothing else
                .requestMatchers(HttpMethod.GET, "/app", "/app/**").permitAll()
                .requestMatchers(HttpMethod.GET, "/deals/*", "/pipelines/*/deals", "/activities/*", "/alerts/stalled-deals")
                .hasAnyRole("ADMIN", "MANAGER", "REP", "VIEWER")
                .requestMatchers(HttpMethod.GET, "/metrics/*", "/live/pipelines/*", "/live/deals/*", "/live/metrics",
                        "/live/alerts/stalled-deals")
                .hasAnyRole("ADMIN", "MANAGER", "REP", "VIEWER")
                .requestMatchers(HttpMethod.GET, "/deals/*/timeline", "/pipelines/*/board/as-of", "/pipelines/*/changes")
                .hasAnyRole("ADMIN", "MANAGER", "REP", "VIEWER")
                .requestMatchers("/admin/**").hasRole("ADMIN")
                .requestMatchers(HttpMethod.GET, "/pipelines", "/pipelines/*", "/pipelines/*/board",
                        "/pipelines/*/workload", "/pipelines/*/deals/without-next-action", "/tasks")
                .hasAnyRole("ADMIN", "MANAGER", "REP", "VIEWER")
                .requestMatchers("/actuator/**").hasRole("ADMIN");
    }
}
