package dev.salespipeline.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.salespipeline.testsupport.TestTokens;

/**
 * With {@code pipeline.security.audiences} set, a service accepts only tokens whose {@code aud} names one of
 * them, and answers any other token with 401 problem JSON; without it, the audience is not checked.
 */
class AudienceCheckTest {

    @Nested
    @SpringBootTest(classes = Service.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = "pipeline.security.audiences=sales-pipeline,pipeline-dashboard")
    class WhenConfigured {

        @DynamicPropertySource
        static void trustTheTestTokens(DynamicPropertyRegistry registry) {
            registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
        }

        @Value("${local.server.port}")
        int port;

        @Test
        void acceptsATokenForOneOfItsAudiences() throws Exception {
            assertThat(get(port, TestTokens.user("anna").audience("sales-pipeline").token()).statusCode())
                    .isEqualTo(200);
            assertThat(get(port, TestTokens.user("anna").audience("crm", "pipeline-dashboard").token()).statusCode())
                    .isEqualTo(200);
        }

        @Test
        void refusesATokenForAnotherAudienceOrWithoutOne() throws Exception {
            for (String token : new String[] {TestTokens.user("anna").audience("crm").token(),
                    TestTokens.user("anna").token()}) {
                HttpResponse<String> answer = get(port, token);
                assertThat(answer.statusCode()).isEqualTo(401);
                assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                        assertThat(type).startsWith("application/problem+json"));
                assertThat(answer.body()).contains("\"status\":401").contains("not meant for this service")
                        .doesNotContain(token);
            }
        }
    }

    @Nested
    @SpringBootTest(classes = Service.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    class WhenNotConfigured {

        @DynamicPropertySource
        static void trustTheTestTokens(DynamicPropertyRegistry registry) {
            registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
        }

        @Value("${local.server.port}")
        int port;

        @Test
        void acceptsTokensWithAnyAudienceOrNone() throws Exception {
            assertThat(get(port, TestTokens.user("anna").token()).statusCode()).isEqualTo(200);
            assertThat(get(port, TestTokens.user("anna").audience("crm").token()).statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> get(int port, String token) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/me"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A service with one endpoint for any authenticated caller, trusting the test tokens' key. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Service {

        @Bean
        EndpointRules rules() {
            return rules -> rules.requestMatchers("/me").authenticated();
        }

        @Bean
        Me me() {
            return new Me();
        }
    }

    @RestController
    static class Me {

        @GetMapping("/me")
        String me() {
            return "ok";
        }
    }
}
