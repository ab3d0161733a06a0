package dev.salespipeline.api.spend;

import dev.salespipeline.api.DomainEvent;

/**
 * An event in the life of one marketing spend.
 */
public sealed interface MarketingSpendEvent extends DomainEvent
        permits MarketingSpendSet, MarketingSpendChanged, MarketingSpendWithdrawn {

    String spendId();

    @Override
    default String aggregateId() {
        return spendId();
    }
}
