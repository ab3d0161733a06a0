package dev.salespipeline.analytics.book;

import java.time.Instant;

import dev.salespipeline.analytics.deal.DealState;
import dev.salespipeline.analytics.deal.DealStatus;
import dev.salespipeline.api.deal.Money;

/**
 * What the owner's book needs of a deal's state: kept per deal beside its tasks, without the stage intervals,
 * which the book does not need and which grow with every move.
 *
 * @param appliedSequence aggregate sequence of the last event folded into the state, to tell an older state
 */
record DealFacts(String pipelineId, String ownerId, String sourceChannel, DealStatus status, String stageId,
                 Money amount, Instant closedAt, long appliedSequence) {

    static DealFacts of(DealState state) {
        return state == null ? null : new DealFacts(state.pipelineId(), state.ownerId(), state.sourceChannel(),
                state.status(), state.stageId(), state.amount(), state.closedAt(), state.appliedSequence());
    }
}
