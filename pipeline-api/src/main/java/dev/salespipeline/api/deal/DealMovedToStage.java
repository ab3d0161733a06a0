package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

/** An open deal moved from one stage of its pipeline to another. */
public record DealMovedToStage(String dealId, String pipelineId, String fromStageId, String toStageId,
                               Instant occurredAt) implements DealEvent {

    public DealMovedToStage {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(fromStageId, "fromStageId");
        Objects.requireNonNull(toStageId, "toStageId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
