package dev.salespipeline.command.deal.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.OpenDeal;
import dev.salespipeline.command.axon.AggregateCommandTargetResolver;

/**
 * A deal: the card a rep moves through the stages of a pipeline until it is won or lost.
 * Command handlers decide and apply events; event sourcing handlers only assign state.
 */
@Aggregate(commandTargetResolver = AggregateCommandTargetResolver.BEAN_NAME)
public class Deal {

    @AggregateIdentifier
    private String dealId;

    protected Deal() {
        // for Axon: the aggregate is rebuilt from its events
    }

    @CommandHandler
    public Deal(OpenDeal command) {
        if (command.title().isBlank()) {
            throw new IllegalArgumentException("a deal needs a title");
        }
        apply(new DealOpened(command.dealId(), command.pipelineId(), command.stageId(), command.title(),
                command.ownerId(), command.amount(), command.occurredAt()));
    }

    @EventSourcingHandler
    void on(DealOpened event) {
        this.dealId = event.dealId();
    }
}
