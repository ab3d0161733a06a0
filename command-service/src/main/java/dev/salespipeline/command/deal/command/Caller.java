package dev.salespipeline.command.deal.command;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.axonframework.messaging.MetaData;

import dev.salespipeline.api.envelope.MetadataKeys;

/**
 * Who sent a command, as the command's metadata records it (from the caller's token, never from the
 * request body): id, roles and team.
 */
public record Caller(String id, Set<String> roles, String team) {

    public static final String ADMIN = "admin";
    public static final String MANAGER = "manager";
    public static final String REP = "rep";
    public static final String VIEWER = "viewer";
    public static final String INTEGRATION = "integration";

    public Caller {
        roles = Set.copyOf(roles);
    }

    /**
     * @throws IllegalStateException if the metadata names no actor: commands only come from
     *                               authenticated callers
     */
    public static Caller from(MetaData metaData) {
        Object actor = metaData.get(MetadataKeys.ACTOR);
        if (actor == null) {
            throw new IllegalStateException("command without an actor in its metadata");
        }
        Object roles = metaData.getOrDefault(MetadataKeys.ROLES, "");
        Object team = metaData.get(MetadataKeys.TEAM);
        return new Caller(actor.toString(),
                Arrays.stream(roles.toString().split(",")).filter(role -> !role.isBlank()).collect(Collectors.toSet()),
                team == null ? null : team.toString());
    }

    public boolean has(String role) {
        return roles.contains(role);
    }
}
