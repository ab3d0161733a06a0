package dev.salespipeline.command.spend.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.conflictresolution.ConflictResolver;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.spend.ChangeMarketingSpend;
import dev.salespipeline.api.spend.MarketingSpendChanged;
import dev.salespipeline.api.spend.MarketingSpendSet;
import dev.salespipeline.api.spend.MarketingSpendWithdrawn;
import dev.salespipeline.api.spend.SetMarketingSpend;
import dev.salespipeline.api.spend.WithdrawMarketingSpend;
import dev.salespipeline.command.axon.AggregateCommandTargetResolver;
import dev.salespipeline.command.deal.command.Caller;
import dev.salespipeline.command.deal.command.UnknownPipelineException;
import dev.salespipeline.command.pipeline.catalog.PipelineCatalog;

/**
 * Marketing spend: what a pipeline spent on one source channel in one month or quarter, as the acquisition-cost
 * metrics divide it by the deals opened and won. Its id is built from pipeline, channel and period
 * ({@code MarketingSpendIds}), so there is one spend for each, and it is kept like a sales target: set, changed in
 * its currency, withdrawn. Who may set and change it is decided by {@link MarketingSpendAccessPolicy}, the rules
 * are in {@link MarketingSpendRules}. Handlers on an existing spend return its version afterwards, which the API
 * sends as the ETag.
 */
@Aggregate(commandTargetResolver = AggregateCommandTargetResolver.BEAN_NAME)
public class MarketingSpend {

    @AggregateIdentifier
    private String spendId;
    private String pipelineId;
    private Money amount;
    private boolean withdrawn;

    protected MarketingSpend() {
        // for Axon: the aggregate is rebuilt from its events
    }

    @CommandHandler
    public MarketingSpend(SetMarketingSpend command, MetaData metaData, PipelineCatalog pipelines) {
        MarketingSpendRules.checkIdentity(command);
        MarketingSpendAccessPolicy.checkMayManage(Caller.from(metaData), command.pipelineId());
        if (pipelines.find(command.pipelineId()).isEmpty()) {
            throw new UnknownPipelineException(command.pipelineId());
        }
        apply(new MarketingSpendSet(command.spendId(), command.pipelineId(), command.channel(), command.period(),
                command.amount(), command.occurredAt()));
    }

    @CommandHandler
    long handle(ChangeMarketingSpend command, MetaData metaData, ConflictResolver conflicts) {
        checkMayManage(metaData);
        rejectIfStale(conflicts);
        MarketingSpendRules.checkNotWithdrawn(withdrawn, spendId);
        MarketingSpendRules.checkSameCurrency(amount, command.amount(), spendId);
        if (!command.amount().sameValueAs(amount)) {
            apply(new MarketingSpendChanged(spendId, amount, command.amount(), command.occurredAt()));
        }
        return version();
    }

    /** Withdrawing a withdrawn spend changes nothing. */
    @CommandHandler
    long handle(WithdrawMarketingSpend command, MetaData metaData, ConflictResolver conflicts) {
        checkMayManage(metaData);
        rejectIfStale(conflicts);
        MarketingSpendRules.checkReason(command.reason());
        if (!withdrawn) {
            apply(new MarketingSpendWithdrawn(spendId, command.reason(), command.occurredAt()));
        }
        return version();
    }

    /** A command based on an older version than the spend's (If-Match) is refused after access is checked. */
    private static void rejectIfStale(ConflictResolver conflicts) {
        conflicts.detectConflicts(unseenEvents -> !unseenEvents.isEmpty());
    }

    private void checkMayManage(MetaData metaData) {
        MarketingSpendAccessPolicy.checkMayManage(Caller.from(metaData), pipelineId);
    }

    private static long version() {
        Long version = AggregateLifecycle.getVersion();
        return version == null ? 0 : version;
    }

    @EventSourcingHandler
    void on(MarketingSpendSet event) {
        this.spendId = event.spendId();
        this.pipelineId = event.pipelineId();
        this.amount = event.amount();
    }

    @EventSourcingHandler
    void on(MarketingSpendChanged event) {
        this.amount = event.amount();
    }

    @EventSourcingHandler
    void on(MarketingSpendWithdrawn event) {
        this.withdrawn = true;
    }
}
