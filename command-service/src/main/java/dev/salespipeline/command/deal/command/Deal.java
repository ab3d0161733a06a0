package dev.salespipeline.command.deal.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import dev.salespipeline.api.deal.ChangeDealAmount;
import dev.salespipeline.api.deal.DealAmountChanged;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.Money;
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
    private String ownerId;
    private String teamId;
    private Money amount;

    protected Deal() {
        // for Axon: the aggregate is rebuilt from its events
    }

    @CommandHandler
    public Deal(OpenDeal command, MetaData metaData) {
        if (command.title().isBlank()) {
            throw new IllegalArgumentException("a deal needs a title");
        }
        DealAccessPolicy.checkMayOpen(Caller.from(metaData), command.ownerId(), command.teamId());
        apply(new DealOpened(command.dealId(), command.pipelineId(), command.stageId(), command.title(),
                command.ownerId(), command.teamId(), command.amount(), command.occurredAt()));
    }

    @CommandHandler
    void handle(ChangeDealAmount command, MetaData metaData) {
        DealAccessPolicy.checkMayChange(Caller.from(metaData), dealId, ownerId, teamId);
        if (command.amount().sameValueAs(amount)) {
            return;
        }
        apply(new DealAmountChanged(dealId, amount, command.amount(), command.occurredAt()));
    }

    @EventSourcingHandler
    void on(DealOpened event) {
        this.dealId = event.dealId();
        this.ownerId = event.ownerId();
        this.teamId = event.teamId();
        this.amount = event.amount();
    }

    @EventSourcingHandler
    void on(DealAmountChanged event) {
        this.amount = event.amount();
    }
}
