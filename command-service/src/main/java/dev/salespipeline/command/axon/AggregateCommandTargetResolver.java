package dev.salespipeline.command.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.AggregateCommand;

/**
 * Routes {@link AggregateCommand}s (which carry no Axon annotations, so that the API module stays
 * framework-free) to their aggregate, with the expected version for optimistic concurrency.
 */
@Component(AggregateCommandTargetResolver.BEAN_NAME)
public class AggregateCommandTargetResolver implements CommandTargetResolver {

    public static final String BEAN_NAME = "aggregateCommandTargetResolver";

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (!(command.getPayload() instanceof AggregateCommand aggregateCommand)) {
            throw new IllegalArgumentException(command.getPayloadType().getName() + " is not an AggregateCommand");
        }
        String id = aggregateCommand.targetAggregateId();
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("command " + command.getCommandName() + " names no aggregate");
        }
        return new VersionedAggregateIdentifier((Object) id, aggregateCommand.expectedVersion());
    }
}
