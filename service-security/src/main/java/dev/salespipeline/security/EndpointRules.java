package dev.salespipeline.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own authorization rules, one per endpoint. Whatever no rule names is denied, so an
 * endpoint added without a rule is refused rather than open.
 */
@FunctionalInterface
public interface EndpointRules {

    void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);
}
