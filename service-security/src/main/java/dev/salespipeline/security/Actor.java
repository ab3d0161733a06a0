package dev.salespipeline.security;

import java.util.Objects;
import java.util.Set;

/**
 * The authenticated caller of a request, as its token says: who (the token's subject), in which
 * roles and team, and through which channel. The command side records it on every event; it is
 * never taken from anything the caller typed.
 *
 * @param id     the token's subject: a user id, or an integration's client id
 * @param name   display name, or the id when the token has none
 * @param roles  roles recognised in the token; unknown role names are ignored
 * @param team   the team the caller belongs to, or null
 * @param source {@code web} (the dashboard), {@code api} (any other client) or {@code integration}
 */
public record Actor(String id, String name, Set<Role> roles, String team, String source) {

    public static final String SOURCE_WEB = "web";
    public static final String SOURCE_API = "api";
    public static final String SOURCE_INTEGRATION = "integration";

    public Actor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        roles = Set.copyOf(roles);
        name = name == null ? id : name;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Whether the caller is in {@code otherTeam}; false when either has no team. */
    public boolean isInTeam(String otherTeam) {
        return team != null && team.equals(otherTeam);
    }
}
