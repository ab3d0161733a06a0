package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.Bounds;

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
        Bounds.text("dealId", dealId, Bounds.ID_LENGTH);
        Bounds.text("stageId", stageId, Bounds.ID_LENGTH);
        Bounds.time("occurredAt", occurredAt);
    }

    @Override
    public String targetAggregateId() {
        return dealId;
    }
}
