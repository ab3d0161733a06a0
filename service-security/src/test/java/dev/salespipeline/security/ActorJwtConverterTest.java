package dev.salespipeline.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class ActorJwtConverterTest {

    private final PipelineSecurityProperties properties = new PipelineSecurityProperties(
            new PipelineSecurityProperties.Claims("roles", "team", "name"), List.of("dashboard"), List.of(), List.of());
    private final ActorJwtConverter converter = new ActorJwtConverter(properties);

    private static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(builder::claim);
        return builder.build();
    }

    @Test
    void readsIdRolesTeamAndNameFromTheClaims() {
        ActorAuthentication authentication = (ActorAuthentication) converter.convert(jwt(Map.of(
                "sub", "max", "name", "Max Weber", "roles", List.of("manager", "unknown-role"), "team", "north")));

        Actor actor = authentication.actor();
        assertThat(actor.id()).isEqualTo("max");
        assertThat(actor.name()).isEqualTo("Max Weber");
        assertThat(actor.roles()).containsExactly(Role.MANAGER);
        assertThat(actor.team()).isEqualTo("north");
        assertThat(actor.source()).isEqualTo(Actor.SOURCE_API);
        assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_MANAGER");
        assertThat(authentication.getName()).isEqualTo("max");
    }

    @Test
    void theSourceIsWebForTheDashboardsClientAndIntegrationForIntegrations() {
        Actor web = ((ActorAuthentication) converter.convert(jwt(Map.of("sub", "anna", "roles", "rep",
                "azp", "dashboard")))).actor();
        Actor integration = ((ActorAuthentication) converter.convert(jwt(Map.of("sub", "telephony",
                "roles", List.of("integration"), "azp", "dashboard")))).actor();

        assertThat(web.source()).isEqualTo(Actor.SOURCE_WEB);
        assertThat(web.roles()).isEqualTo(Set.of(Role.REP));
        assertThat(web.name()).isEqualTo("anna");
        assertThat(integration.source()).isEqualTo(Actor.SOURCE_INTEGRATION);
    }

    @Test
    void aTokenWithoutRolesGrantsNothing() {
        ActorAuthentication authentication = (ActorAuthentication) converter.convert(jwt(Map.of("sub", "x")));

        assertThat(authentication.actor().roles()).isEmpty();
        assertThat(authentication.getAuthorities()).isEmpty();
    }
}
