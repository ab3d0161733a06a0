package dev.salespipeline.analytics.app;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import dev.salespipeline.security.EndpointRules;

/**
 * Who may call which endpoint of the analytics port. The state stores hold every team's figures, unfiltered (an
 * owner's cells, the deals watched for stalling with their owner and team), so only the roles that may see every
 * deal read them: admins and viewers. Reps and managers read metrics from query-service, which filters them per
 * caller. Dead letters and the actuator are for admins. Anything not listed here is denied.
 */
@Configuration
class AnalyticsEndpointRules {

    @Bean
    EndpointRules analyticsEndpoints() {
        return rules -> rules
                .requestMatchers(HttpMethod.GET, "/state", "/state/**").hasAnyRole("ADMIN", "VIEWER")
                .requestMatchers("/admin/**").hasRole("ADMIN")
                .requestMatchers("/actuator/**").hasRole("ADMIN");
    }
}
