package dev.salespipeline.command.deal.web;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.command.activity.directory.DealDirectory;
import dev.salespipeline.command.deal.command.Caller;
import dev.salespipeline.command.deal.command.DealAccessPolicy;
import dev.salespipeline.command.rules.NotVisible;
import dev.salespipeline.command.web.RequestMetadata;

/**
 * Sends a command on an existing deal with the request's metadata and answers with the deal's
 * version afterwards, in the body and as the ETag.
 *
 * <p>A caller who may not see the deal ({@link DealAccessPolicy#maySee}, by its current owner and team in the
 * {@link DealDirectory}) is answered 404 before the command is sent: Axon compares an {@code If-Match} version
 * newer than the deal's as it loads the deal, before any handler could check access, and would answer 412
 * with the deal's version. The deal checks the same rule again for every command, before anything else, so a command
 * without an expected version is left to it.
 */
@Component
class DealCommands {

    private final CommandGateway commands;
    private final DealDirectory directory;

    DealCommands(CommandGateway commands, DealDirectory directory) {
        this.commands = commands;
        this.directory = directory;
    }

    ResponseEntity<DealAccepted> send(String dealId, Object command, RequestMetadata metadata) {
        return send(dealId, null, command, metadata);
    }

    /** As {@link #send(String, Object, RequestMetadata)}, naming the item the command created. */
    ResponseEntity<DealAccepted> send(String dealId, String createdId, Object command, RequestMetadata metadata) {
        MetaData metaData = metadata.asMetaData();
        Caller caller = Caller.from(metaData);
        if (!caller.has(Caller.INTEGRATION) && carriesExpectedVersion(command) && directory.find(dealId)
                .filter(deal -> !DealAccessPolicy.maySee(caller, deal.ownerId(), deal.teamId())).isPresent()) {
            throw new NotVisible(dealId);
        }
        Object version = commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .withMetaData(metaData));
        long current = ((Number) version).longValue();
        return ResponseEntity.ok().eTag("\"" + current + "\"").body(new DealAccepted(dealId, current, createdId));
    }

    /**
     * Whether Axon compares a version before the deal's handler runs. A command without one reaches the handler,
     * which checks access first, so the directory is read only for the commands that need it (one statement less
     * for most commands).
     */
    private static boolean carriesExpectedVersion(Object command) {
        return !(command instanceof AggregateCommand versioned) || versioned.expectedVersion() != null;
    }

    /**
     * What a command on a deal answers: the deal, its version after the command, and the id of what the
     * command created (a task, a call...), if anything.
     */
    record DealAccepted(String dealId, long version, String id) {
    }
}
