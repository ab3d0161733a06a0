package dev.salespipeline.command.history;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.activity.ActivityAttached;
import dev.salespipeline.api.activity.ActivityReceived;
import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.command.activity.directory.DealDirectory;
import dev.salespipeline.command.activity.directory.DirectoryEntry;
import dev.salespipeline.command.deal.command.Caller;
import dev.salespipeline.command.deal.command.DealAccessPolicy;
import dev.salespipeline.command.spend.command.MarketingSpendAccessPolicy;
import dev.salespipeline.command.target.command.SalesTargetAccessPolicy;
import dev.salespipeline.command.target.table.SalesTargetTable;

/**
 * Whether a caller may see an aggregate's history, by what the aggregate is now, with the rules commands are
 * checked by: a deal by its current owner and team ({@link DealAccessPolicy}), a sales target by its subject and
 * team ({@link SalesTargetAccessPolicy}), marketing spend by those who may see it ({@link MarketingSpendAccessPolicy});
 * an activity on a deal as that deal, an activity on no deal by its
 * reported owner (the owner, and admins); pipelines by everyone who may read history. Anything else only admins.
 */
@Component
public class HistoryVisibility {

    static final String DEAL = "Deal";
    static final String PIPELINE = "Pipeline";
    static final String SALES_TARGET = "SalesTarget";
    static final String MARKETING_SPEND = "MarketingSpend";
    static final String ACTIVITY = "Activity";

    private final DealDirectory deals;
    private final SalesTargetTable targets;
    private final EventStore events;

    HistoryVisibility(DealDirectory deals, SalesTargetTable targets, EventStore events) {
        this.deals = deals;
        this.targets = targets;
        this.events = events;
    }

    /** Decisions for one request: each aggregate is looked up once. */
    public Decisions forCaller(Caller caller) {
        return new Decisions(caller);
    }

    /** The current owner and team of a deal, or empty when the aggregate is no deal. */
    Optional<DirectoryEntry> deal(String dealId) {
        Optional<DirectoryEntry> known = deals.find(dealId);
        return known.isPresent() ? known : dealFromEvents(dealId);
    }

    /** For a deal opened before the directory was kept: its owner and team folded from its events. */
    private Optional<DirectoryEntry> dealFromEvents(String dealId) {
        DomainEventStream stream = events.readEvents(dealId, 0);
        if (!stream.hasNext() || !(stream.next().getPayload() instanceof DealOpened opened)) {
            return Optional.empty();
        }
        String owner = opened.ownerId();
        String team = opened.teamId();
        while (stream.hasNext()) {
            if (stream.next().getPayload() instanceof DealHandedOver handedOver) {
                owner = handedOver.ownerId();
                team = handedOver.teamId();
            }
        }
        return Optional.of(new DirectoryEntry(dealId, opened.pipelineId(), owner, team, true));
    }

    private boolean maySeeActivity(Caller caller, String activityId) {
        String owner = null;
        String deal = null;
        DomainEventStream stream = events.readEvents(activityId, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (message.getPayload() instanceof ActivityReceived received) {
                owner = received.ownerId();
                deal = received.dealId();
            } else if (message.getPayload() instanceof ActivityAttached attached) {
                owner = attached.ownerId();
                deal = attached.dealId();
            }
        }
        if (deal != null) {
            return deal(deal).map(entry -> DealAccessPolicy.maySee(caller, entry.ownerId(), entry.teamId()))
                    .orElse(false);
        }
        return caller.id().equals(owner);
    }

    /** The visibility of aggregates to one caller, remembered per aggregate. */
    public final class Decisions {

        private final Caller caller;
        private final Map<String, Boolean> decided = new HashMap<>();

        private Decisions(Caller caller) {
            this.caller = caller;
        }

        /** @param aggregateType the aggregate's type as the event store records it, e.g. {@code Deal} */
        public boolean maySee(String aggregateType, String aggregateId) {
            if (caller.has(Caller.ADMIN)) {
                return true;
            }
            return decided.computeIfAbsent(aggregateId, id -> decide(aggregateType, id));
        }

        private boolean decide(String aggregateType, String aggregateId) {
            if (aggregateType == null) {
                return false;
            }
            return switch (aggregateType) {
                case DEAL -> deal(aggregateId)
                        .map(entry -> DealAccessPolicy.maySee(caller, entry.ownerId(), entry.teamId())).orElse(false);
                case PIPELINE -> true;
                case SALES_TARGET -> targets.find(aggregateId).map(target -> SalesTargetAccessPolicy.maySee(caller,
                        target.subjectType(), target.subjectId(), target.teamId())).orElse(false);
                case MARKETING_SPEND -> MarketingSpendAccessPolicy.maySee(caller);
                case ACTIVITY -> maySeeActivity(caller, aggregateId);
                default -> false;
            };
        }
    }
}
