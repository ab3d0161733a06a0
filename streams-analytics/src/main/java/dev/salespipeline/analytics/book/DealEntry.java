package dev.salespipeline.analytics.book;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.metrics.MetricKey;

/**
 * What one deal counts for in its owner's book, before it is spread over owner and channel rows: as an open
 * deal (its stage, amount, whether it has a next action, its overdue tasks) or as a won deal (its amount and
 * when it was won). A lost deal, or a won deal without an amount, counts for nothing and has no entry.
 *
 * @param sourceChannel     the deal's channel, {@value MetricKey#NO_SOURCE_CHANNEL} when it has none
 * @param open              true for an open deal, false for a won one
 * @param stageId           the stage of an open deal; null for a won one
 * @param amount            the open deal's amount (null when it has none), or the amount it was won for
 * @param withoutNextAction an open deal without an open task
 * @param overdueTasks      the open deal's open tasks whose due time had passed when the entry was worked out
 * @param wonAt             when a won deal was won; null for an open one
 */
record DealEntry(String pipelineId, String ownerId, String sourceChannel, boolean open, String stageId,
                 Money amount, boolean withoutNextAction, int overdueTasks, Instant wonAt) {

    DealEntry {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(sourceChannel, "sourceChannel");
    }
}
