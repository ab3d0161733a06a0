package dev.salespipeline.command.target.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.conflictresolution.ConflictResolver;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.target.ChangeSalesTarget;
import dev.salespipeline.api.target.SalesTargetChanged;
import dev.salespipeline.api.target.SalesTargetSet;
import dev.salespipeline.api.target.SalesTargetWithdrawn;
import dev.salespipeline.api.target.SetSalesTarget;
import dev.salespipeline.api.target.SubjectType;
import dev.salespipeline.api.target.TargetPeriod;
import dev.salespipeline.api.target.WithdrawSalesTarget;
import dev.salespipeline.command.axon.AggregateCommandTargetResolver;
import dev.salespipeline.command.deal.command.Caller;
import dev.salespipeline.command.deal.command.UnknownPipelineException;
import dev.salespipeline.command.pipeline.catalog.PipelineCatalog;

/**
 * A sales target (quota): the amount an owner or a team is to win in one pipeline and one month or
 * quarter. Its id is built from pipeline, subject and period ({@code SalesTargetIds}), so there is one
 * target for each. Who may set and change it is decided by {@link SalesTargetAccessPolicy}, the rules
 * are in {@link SalesTargetRules}. Handlers on an existing target return its version afterwards, which
 * the API sends as the ETag.
 */
@Aggregate(commandTargetResolver = AggregateCommandTargetResolver.BEAN_NAME)
public class SalesTarget {

    @AggregateIdentifier
    private String targetId;
    private String pipelineId;
    private SubjectType subjectType;
    private String subjectId;
    private TargetPeriod period;
    private String teamId;
    private Money amount;
    private boolean withdrawn;

    protected SalesTarget() {
        // for Axon: the aggregate is rebuilt from its events
    }

    @CommandHandler
    public SalesTarget(SetSalesTarget command, MetaData metaData, PipelineCatalog pipelines) {
        SalesTargetRules.checkIdentity(command);
        String team = SalesTargetRules.teamOf(command);
        SalesTargetRules.checkPositive(command.amount());
        SalesTargetAccessPolicy.checkMayManage(Caller.from(metaData),
                describe(command.subjectType(), command.subjectId(), command.pipelineId(), command.period()), team);
        if (pipelines.find(command.pipelineId()).isEmpty()) {
            throw new UnknownPipelineException(command.pipelineId());
        }
        apply(new SalesTargetSet(command.targetId(), command.pipelineId(), command.subjectType(),
                command.subjectId(), team, command.period(), command.amount(), command.occurredAt()));
    }

    @CommandHandler
    long handle(ChangeSalesTarget command, MetaData metaData, ConflictResolver conflicts) {
        checkMayManage(metaData);
        rejectIfStale(conflicts);
        SalesTargetRules.checkNotWithdrawn(withdrawn, targetId);
        SalesTargetRules.checkPositive(command.amount());
        SalesTargetRules.checkSameCurrency(amount, command.amount(), targetId);
        if (!command.amount().sameValueAs(amount)) {
            apply(new SalesTargetChanged(targetId, amount, command.amount(), command.occurredAt()));
        }
        return version();
    }

    /** Withdrawing a withdrawn target changes nothing. */
    @CommandHandler
    long handle(WithdrawSalesTarget command, MetaData metaData, ConflictResolver conflicts) {
        checkMayManage(metaData);
        rejectIfStale(conflicts);
        SalesTargetRules.checkReason(command.reason());
        if (!withdrawn) {
            apply(new SalesTargetWithdrawn(targetId, command.reason(), command.occurredAt()));
        }
        return version();
    }

    /**
     * A command based on an older version than the target's (If-Match) is refused before anything but
     * access is checked: its sender decided on an amount that has changed since.
     */
    private static void rejectIfStale(ConflictResolver conflicts) {
        conflicts.detectConflicts(unseenEvents -> !unseenEvents.isEmpty());
    }

    private void checkMayManage(MetaData metaData) {
        Caller caller = Caller.from(metaData);
        SalesTargetAccessPolicy.checkMaySee(caller, targetId, subjectType, subjectId, teamId);
        SalesTargetAccessPolicy.checkMayManage(caller,
                describe(subjectType, subjectId, pipelineId, period), teamId);
    }

    /** For refusals: {@code owner anna in pipeline sales for 2026-Q4}. */
    private static String describe(SubjectType subjectType, String subjectId, String pipelineId,
                                   TargetPeriod period) {
        return subjectType.key() + " " + subjectId + " in pipeline " + pipelineId + " for " + period;
    }

    private static long version() {
        Long version = AggregateLifecycle.getVersion();
        return version == null ? 0 : version;
    }

    @EventSourcingHandler
    void on(SalesTargetSet event) {
        this.targetId = event.targetId();
        this.pipelineId = event.pipelineId();
        this.subjectType = event.subjectType();
        this.subjectId = event.subjectId();
        this.period = event.period();
        this.teamId = event.teamId();
        this.amount = event.amount();
    }

    @EventSourcingHandler
    void on(SalesTargetChanged event) {
        this.amount = event.amount();
    }

    @EventSourcingHandler
    void on(SalesTargetWithdrawn event) {
        this.withdrawn = true;
    }
}
