package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

/** The deal left one pipeline for another; each pipeline keeps the part of the journey made in it. */
public record DealTransferred(String dealId, String fromPipelineId, String fromStageId, String toPipelineId, String toStageId, Instant occurredAt) implements DealEvent {

    public DealTransferred {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(fromPipelineId, "fromPipelineId");
        Objects.requireNonNull(fromStageId, "fromStageId");
        Objects.requireNonNull(toPipelineId, "toPipelineId");
        Objects.requireNonNull(toStageId, "toStageId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
