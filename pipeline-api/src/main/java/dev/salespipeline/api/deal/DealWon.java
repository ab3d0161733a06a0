package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

/** A deal was won, from the stage it was in; {@code amount} is what it was won for (null if never set). */
public record DealWon(String dealId, String pipelineId, String stageId, Money amount, Instant occurredAt)
        implements DealEvent {

    public DealWon {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(stageId, "stageId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
