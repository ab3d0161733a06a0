package dev.salespipeline.command.web;

import java.util.Map;
import java.util.stream.Collectors;

import org.axonframework.messaging.MetaData;

import dev.salespipeline.api.envelope.MetadataKeys;
import dev.salespipeline.security.Actor;
import dev.salespipeline.security.Role;

/**
 * Who sent a command (from the caller's token), through which channel, and the correlation id that
 * ties together everything one request causes. Recorded as metadata on every event the command
 * produces.
 */
public record RequestMetadata(String actor, String roles, String team, String source, String correlationId) {

    public static RequestMetadata of(Actor actor, String correlationId) {
        String roles = actor.roles().stream().map(Role::claimValue).sorted().collect(Collectors.joining(","));
        return new RequestMetadata(actor.id(), roles, actor.team(), actor.source(), correlationId);
    }

    public MetaData asMetaData() {
        MetaData metaData = MetaData.from(Map.of(
                MetadataKeys.ACTOR, actor,
                MetadataKeys.ROLES, roles,
                MetadataKeys.SOURCE, source,
                MetadataKeys.CORRELATION_ID, correlationId));
        return team == null ? metaData : metaData.and(MetadataKeys.TEAM, team);
    }
}
