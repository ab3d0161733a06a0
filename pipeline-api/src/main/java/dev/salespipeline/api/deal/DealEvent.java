package dev.salespipeline.api.deal;

import dev.salespipeline.api.DomainEvent;

/**
 * An event in the life of one deal.
 */
public sealed interface DealEvent extends DomainEvent permits DealOpened, DealAmountChanged, DealMovedToStage, DealWon, DealLost,
        DealReopened, DealDetailsEdited, ExpectedCloseDateChanged, ProbabilityOverridden, DealHandedOver, DealTransferred,
        TaskScheduled, TaskCompleted, TaskRescheduled, TaskCancelled, CallLogged, EmailLogged, EmailOpened,
        MeetingLogged, CommentAdded {

    String dealId();

    @Override
    default String aggregateId() {
        return dealId();
    }
}
