package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

/** A won or lost deal was reopened, in the stage it was closed from. */
public record DealReopened(String dealId, String pipelineId, String stageId, Instant occurredAt)
        implements DealEvent {

    public DealReopened {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(stageId, "stageId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
