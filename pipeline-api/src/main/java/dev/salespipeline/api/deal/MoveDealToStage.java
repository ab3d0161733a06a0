package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.AggregateCommand;

/**
 * Moves an open deal to any stage of its pipeline: forward, back or skipping stages.
 * A move to the stage the deal is in changes nothing.
 */
public record MoveDealToStage(String dealId, String stageId, Long expectedVersion, Instant occurredAt)
        implements AggregateCommand {

    public MoveDealToStage {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(stageId, "stageId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    @Override
    public String targetAggregateId() {
        return dealId;
    }
}
