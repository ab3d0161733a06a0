package dev.salespipeline.command.deal.web;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import dev.salespipeline.command.web.RequestMetadata;

/**
 * Sends a command on an existing deal with the request's metadata and answers with the deal's
 * version afterwards, in the body and as the ETag.
 */
@Component
class DealCommands {

    private final CommandGateway commands;

    DealCommands(CommandGateway commands) {
        this.commands = commands;
    }

    ResponseEntity<DealAccepted> send(String dealId, Object command, RequestMetadata metadata) {
        return send(dealId, null, command, metadata);
    }

    /** As {@link #send(String, Object, RequestMetadata)}, naming the item the command created. */
    ResponseEntity<DealAccepted> send(String dealId, String createdId, Object command, RequestMetadata metadata) {
        Object version = commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .withMetaData(metadata.asMetaData()));
        long current = ((Number) version).longValue();
        return ResponseEntity.ok().eTag("\"" + current + "\"").body(new DealAccepted(dealId, current, createdId));
    }

    /**
     * What a command on a deal answers: the deal, its version after the command, and the id of what the
     * command created (a task, a call...), if anything.
     */
    record DealAccepted(String dealId, long version, String id) {
    }
}
