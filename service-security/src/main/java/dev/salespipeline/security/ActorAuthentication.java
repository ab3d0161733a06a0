package dev.salespipeline.security;

import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A validated bearer token and the {@link Actor} it describes.
 */
public class ActorAuthentication extends JwtAuthenticationToken {

    private final transient Actor actor;

    public ActorAuthentication(Jwt jwt, Actor actor, Collection<? extends GrantedAuthority> authorities) {
        super(jwt, authorities, actor.id());
        this.actor = actor;
    }

    public Actor actor() {
        return actor;
    }
}
