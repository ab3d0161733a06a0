package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.AggregateCommand;

/**
 * Opens a new deal in a stage of a pipeline, owned by a rep of a team ({@code teamId} may be null for
 * a deal outside any team). The deal id is chosen by the caller (or by the REST
 * layer on its behalf), so that a retried request cannot open the same deal twice.
 */
public record OpenDeal(
        String dealId,
        String pipelineId,
        String stageId,
        String title,
        String ownerId,
        String teamId,
        Money amount,
        Instant occurredAt) implements AggregateCommand {

    public OpenDeal {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(stageId, "stageId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    @Override
    public String targetAggregateId() {
        return dealId;
    }
}
