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
                .requestMatchers(HttpMethod.POST, "/deals/*/tasks", "/deals/*/calls", "/deals/*/emails",
                        "/deals/*/meetings", "/deals/*/comments")
                .hasAnyRole("ADMIN", "MANAGER", "REP")
                .requestMatchers(HttpMethod.PUT, "/deals/*/amount", "/deals/*/details", "/deals/*/expected-close-date",
                        "/deals/*/probability", "/deals/*/stage", "/deals/*/outcome", "/deals/*/owner",
                        "/deals/*/pipeline", "/deals/*/tasks/*/status", "/deals/*/tasks/*/due-at",
                        "/deals/*/emails/*/opened-at")
                .hasAnyRole("ADMIN", "MANAGER", "REP")
                .requestMatchers(HttpMethod.DELETE, "/deals/*/probability", "/deals/*/outcome")
                .hasAnyRole("ADMIN", "MANAGER", "REP")
                // Pipelines: everyone who works with deals reads them, only admins change them (PipelineAccessPolicy).
                .requestMatchers(HttpMethod.GET, "/pipelines/*").hasAnyRole("ADMIN", "MANAGER", "REP", "VIEWER")
                .requestMatchers(HttpMethod.POST, "/pipelines", "/pipelines/template", "/pipelines/*/stages")
                .hasRole("ADMIN")
                .requestMatchers(HttpMethod.PUT, "/pipelines/*/stages/order", "/pipelines/*/stages/*/name",
                        "/pipelines/*/stages/*/settings", "/pipelines/*/lost-reasons", "/pipelines/*/idle-limit")
                .hasRole("ADMIN")
                .requestMatchers(HttpMethod.DELETE, "/pipelines/*/stages/*").hasRole("ADMIN")
                // Sales targets: admins and managers set them (which ones: SalesTargetAccessPolicy); everyone who
                // works with deals lists those they may see.
                .requestMatchers(HttpMethod.GET, "/pipelines/*/targets").hasAnyRole("ADMIN", "MANAGER", "REP", "VIEWER")
                .requestMatchers(HttpMethod.PUT, "/pipelines/*/targets/*/*/*").hasAnyRole("ADMIN", "MANAGER")
                .requestMatchers(HttpMethod.DELETE, "/pipelines/*/targets/*/*/*").hasAnyRole("ADMIN", "MANAGER")
                // Marketing spend: a pipeline's money figure, set by admins and managers (MarketingSpendAccessPolicy)
                // and listed by them and viewers; reps do neither.
                .requestMatchers(HttpMethod.GET, "/pipelines/*/marketing-spend")
                .hasAnyRole("ADMIN", "MANAGER", "VIEWER")
                .requestMatchers(HttpMethod.PUT, "/pipelines/*/marketing-spend/*/*").hasAnyRole("ADMIN", "MANAGER")
                .requestMatchers(HttpMethod.DELETE, "/pipelines/*/marketing-spend/*/*").hasAnyRole("ADMIN", "MANAGER")
                // Speech dictionaries: what every call of the company is checked for, set by admins
                // (SpeechDictionaryRules) and listed by them, managers and viewers.
                .requestMatchers(HttpMethod.GET, "/speech-dictionaries").hasAnyRole("ADMIN", "MANAGER", "VIEWER")
                .requestMatchers(HttpMethod.PUT, "/speech-dictionaries/*/*").hasRole("ADMIN")
                .requestMatchers(HttpMethod.DELETE, "/speech-dictionaries/*/*").hasRole("ADMIN")
                // Reported activities: integrations sign webhook requests instead of sending a token
                // (ActivityWebhookController checks the signature); people attach unmatched activities to deals.
                .requestMatchers(HttpMethod.POST, "/webhooks/activities").permitAll()
                .requestMatchers(HttpMethod.PUT, "/activities/*/deal").hasAnyRole("ADMIN", "MANAGER", "REP")
                .requestMatchers(HttpMethod.GET, "/deals/*/history").hasAnyRole("ADMIN", "MANAGER", "REP", "VIEWER")
                .requestMatchers(HttpMethod.GET, "/history").hasAnyRole("ADMIN", "MANAGER", "REP")
                .requestMatchers("/admin/**").hasRole("ADMIN")
                .requestMatchers("/actuator/**").hasRole("ADMIN");
    }
}
