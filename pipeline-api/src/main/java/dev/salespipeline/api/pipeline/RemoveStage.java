package dev.salespipeline.api.pipeline;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.Bounds;

/**
 * Removes a stage from a pipeline. A pipeline keeps at least one stage. Deals' time in a removed stage
 * still counts, under the stage's id.
 */
public record RemoveStage(String pipelineId, String stageId, Instant occurredAt) implements AggregateCommand {

    public RemoveStage {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(stageId, "stageId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("pipelineId", pipelineId, Bounds.ID_LENGTH);
        Bounds.text("stageId", stageId, Bounds.ID_LENGTH);
        Bounds.time("occurredAt", occurredAt);
    }

    @Override
    public String targetAggregateId() {
        return pipelineId;
    }
}
