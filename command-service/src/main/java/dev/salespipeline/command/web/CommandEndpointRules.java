package dev.salespipeline.command.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import dev.salespipeline.security.EndpointRules;

/**
 * Who may call which endpoint of the command side. Whether a caller may act on a particular deal
 * is decided by the deal itself ({@code DealAccessPolicy}); anything not listed here is denied.
 */
@Configuration
class CommandEndpointRules {

    @Bean
    EndpointRules commandEndpoints() {
        return rules -> rules
                .requestMatchers(HttpMethod.POST, "/deals").hasAnyRole("ADMIN", "MANAGER", "REP")
                .requestMatchers(HttpMethod.PUT, "/deals/*/amount").hasAnyRole("ADMIN", "MANAGER", "REP")
                .requestMatchers("/actuator/**").hasRole("ADMIN");
    }
}
