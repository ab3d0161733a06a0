package dev.salespipeline.api.target;

import dev.salespipeline.api.DomainEvent;

/**
 * An event in the life of one sales target.
 */
public sealed interface SalesTargetEvent extends DomainEvent
        permits SalesTargetSet, SalesTargetChanged, SalesTargetWithdrawn {

    String targetId();

    @Override
    default String aggregateId() {
        return targetId();
    }
}
