package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.Bounds;

/** Hands an open deal over to another department's pipeline, landing in the given stage of it. */
public record TransferDealToPipeline(String dealId, String pipelineId, String stageId, Long expectedVersion, Instant occurredAt) implements DealCommand {

    public TransferDealToPipeline {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(stageId, "stageId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("dealId", dealId, Bounds.ID_LENGTH);
        Bounds.text("pipelineId", pipelineId, Bounds.ID_LENGTH);
        Bounds.text("stageId", stageId, Bounds.ID_LENGTH);
        Bounds.time("occurredAt", occurredAt);
    }
}
