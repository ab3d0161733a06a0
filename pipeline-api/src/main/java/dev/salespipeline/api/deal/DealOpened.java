package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

/**
 * A deal was opened in a stage of a pipeline. {@code amount} may be null when it is not yet known;
 * {@code teamId} is null for a deal outside any team.
 */
public record DealOpened(
        String dealId,
        String pipelineId,
        String stageId,
        String title,
        String ownerId,
        String teamId,
        Money amount,
        Instant occurredAt) implements DealEvent {

    public DealOpened {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(stageId, "stageId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
