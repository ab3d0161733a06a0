package dev.salespipeline.api.deal;

import dev.salespipeline.api.AggregateCommand;

/** A command on one deal, routed by its deal id. */
public interface DealCommand extends AggregateCommand {

    String dealId();

    @Override
    default String targetAggregateId() {
        return dealId();
    }
}
