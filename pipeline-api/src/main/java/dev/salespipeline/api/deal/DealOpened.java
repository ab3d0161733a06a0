package dev.salespipeline.api.deal;

import java.time.Instant;

/**
 * A deal was opened in a stage of a pipeline. {@code amount} may be null when it is not yet known.
 */
public record DealOpened(
        String dealId,
        String pipelineId,
        String stageId,
        String title,
        String ownerId,
        Money amount,
        Instant occurredAt) implements DealEvent {
}
