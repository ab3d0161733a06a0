package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

/** A deal was lost, from the stage it was in, for one of its pipeline's reasons. */
public record DealLost(String dealId, String pipelineId, String stageId, String reason, String comment,
                       Instant occurredAt) implements DealEvent {

    public DealLost {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(stageId, "stageId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
