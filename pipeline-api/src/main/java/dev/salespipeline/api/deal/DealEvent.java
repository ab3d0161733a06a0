package dev.salespipeline.api.deal;

import dev.salespipeline.api.DomainEvent;

/**
 * An event in the life of one deal.
 */
public sealed interface DealEvent extends DomainEvent permits DealOpened, DealAmountChanged {

    String dealId();

    @Override
    default String aggregateId() {
        return dealId();
    }
}
