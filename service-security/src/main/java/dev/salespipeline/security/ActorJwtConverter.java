package dev.salespipeline.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Reads the {@link Actor} out of a validated token. Claim names are configurable, since identity
 * providers differ ({@code roles}, {@code groups}, {@code realm_access}...).
 */
public class ActorJwtConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final PipelineSecurityProperties.Claims claims;
    private final Set<String> webClientIds;

    public ActorJwtConverter(PipelineSecurityProperties properties) {
        this.claims = properties.claims();
        this.webClientIds = Set.copyOf(properties.webClientIds());
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Set<Role> roles = roles(jwt);
        Actor actor = new Actor(jwt.getSubject(), jwt.getClaimAsString(claims.name()), roles,
                jwt.getClaimAsString(claims.team()), source(jwt, roles));
        List<GrantedAuthority> authorities = roles.stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority()))
                .toList();
        return new ActorAuthentication(jwt, actor, authorities);
    }

    private Set<Role> roles(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Object claim = jwt.getClaims().get(claims.roles());
        if (claim instanceof Collection<?> values) {
            values.forEach(value -> Role.fromClaimValue(String.valueOf(value)).ifPresent(roles::add));
        } else if (claim instanceof String value) {
            for (String part : value.split("[ ,]+")) {
                Role.fromClaimValue(part).ifPresent(roles::add);
            }
        }
        return roles;
    }

    private String source(Jwt jwt, Set<Role> roles) {
        if (roles.contains(Role.INTEGRATION)) {
            return Actor.SOURCE_INTEGRATION;
        }
        String client = jwt.getClaimAsString("azp");
        return client != null && webClientIds.contains(client) ? Actor.SOURCE_WEB : Actor.SOURCE_API;
    }
}
