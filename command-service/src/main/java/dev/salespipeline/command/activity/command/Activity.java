package dev.salespipeline.command.activity.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import dev.salespipeline.api.activity.ActivityAttached;
import dev.salespipeline.api.activity.ActivityMatch;
import dev.salespipeline.api.activity.ActivityReceived;
import dev.salespipeline.api.activity.AttachActivity;
import dev.salespipeline.api.activity.ReceiveActivity;
import dev.salespipeline.command.activity.directory.DealDirectory;
import dev.salespipeline.command.activity.directory.DirectoryEntry;
import dev.salespipeline.command.axon.AggregateCommandTargetResolver;
import dev.salespipeline.command.deal.command.Caller;

/**
 * A call or email reported by a telephony or email system. Its id is derived from the source system and
 * the system's own id ({@link dev.salespipeline.api.activity.ActivityIds}), so the event store itself
 * guarantees that a report is recorded once, however often it is sent. An activity reported without a
 * deal it could be matched to waits until someone attaches it to one; after that it belongs to that deal.
 * Delivering the activity onto the deal's timeline is {@code ActivityDelivery}'s job.
 */
@Aggregate(commandTargetResolver = AggregateCommandTargetResolver.BEAN_NAME)
public class Activity {

    @AggregateIdentifier
    private String activityId;
    private String dealId;
    private String ownerId;
    private ActivityMatch match;

    protected Activity() {
        // for Axon: the aggregate is rebuilt from its events, or created by the first report
    }

    /** Records the report; a report already recorded changes nothing and answers as the first one did. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    Recorded handle(ReceiveActivity command, MetaData metaData) {
        if (activityId != null) {
            return new Recorded(activityId, dealId, match, true);
        }
        ActivityAccessPolicy.checkMayReport(Caller.from(metaData));
        apply(command.received());
        return new Recorded(activityId, dealId, match, false);
    }

    /** @return the activity's version afterwards */
    @CommandHandler
    long handle(AttachActivity command, MetaData metaData, DealDirectory deals) {
        Caller caller = Caller.from(metaData);
        ActivityAccessPolicy.checkMaySee(caller, activityId, ownerId, deals);
        if (dealId != null) {
            throw new ActivityRuleViolation(ActivityRuleViolation.SINGLE_DEAL,
                    "activity " + activityId + " already belongs to deal " + dealId);
        }
        DirectoryEntry deal = deals.find(command.dealId())
                .filter(found -> ActivityAccessPolicy.maySeeDeal(caller, found))
                .orElseThrow(() -> new ActivityRuleViolation(
                        ActivityRuleViolation.KNOWN_DEAL, "there is no deal " + command.dealId()));
        ActivityAccessPolicy.checkMayAttach(caller, activityId, deal);
        apply(new ActivityAttached(activityId, deal.dealId(), ownerId != null ? ownerId : deal.ownerId(),
                command.occurredAt()));
        Long version = AggregateLifecycle.getVersion();
        return version == null ? 0 : version;
    }

    @EventSourcingHandler
    void on(ActivityReceived event) {
        activityId = event.activityId();
        dealId = event.dealId();
        ownerId = event.ownerId();
        match = event.match();
    }

    @EventSourcingHandler
    void on(ActivityAttached event) {
        dealId = event.dealId();
        ownerId = event.ownerId();
    }

    /**
     * What recording a report gave: the activity, the deal it was matched to (null if none) and whether the
     * report had been recorded before.
     */
    public record Recorded(String activityId, String dealId, ActivityMatch match, boolean duplicate) {
    }
}
