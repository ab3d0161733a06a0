package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.Bounds;

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
        Bounds.text("dealId", dealId, Bounds.ID_LENGTH);
        Bounds.text("pipelineId", pipelineId, Bounds.ID_LENGTH);
        Bounds.text("stageId", stageId, Bounds.ID_LENGTH);
        Bounds.text("title", title, Bounds.TITLE_LENGTH);
        Bounds.text("ownerId", ownerId, Bounds.ID_LENGTH);
        Bounds.text("teamId", teamId, Bounds.ID_LENGTH);
        Bounds.time("occurredAt", occurredAt);
    }

    @Override
    public String targetAggregateId() {
        return dealId;
    }
}
