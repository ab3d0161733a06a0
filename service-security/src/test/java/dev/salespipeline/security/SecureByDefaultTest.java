package dev.salespipeline.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * A service that names no token issuer does not start, rather than run without authentication.
 */
class SecureByDefaultTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PipelineSecurityAutoConfiguration.class,
                    SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
                    OAuth2ResourceServerAutoConfiguration.class))
            .withBean(EndpointRules.class, () -> rules -> rules.requestMatchers("/deals").authenticated());

    @Test
    void refusesToStartWithoutAnIssuer() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("No token issuer is configured");
        });
    }

    @Test
    void startsWithAnIssuersKeys() {
        runner.withPropertyValues("spring.security.oauth2.resourceserver.jwt.jwk-set-uri=https://sso.example.com/certs")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasBean("pipelineSecurityFilterChain");
                });
    }
}
