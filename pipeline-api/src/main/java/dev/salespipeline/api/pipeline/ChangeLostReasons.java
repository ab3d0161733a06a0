package dev.salespipeline.api.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.Bounds;

/**
 * Replaces the reasons a deal of this pipeline can be lost for, in the order they are offered.
 * Deals lost earlier keep the reason they were lost for.
 */
public record ChangeLostReasons(String pipelineId, List<String> lostReasons, Instant occurredAt)
        implements AggregateCommand {

    public ChangeLostReasons {
        Objects.requireNonNull(pipelineId, "pipelineId");
        lostReasons = List.copyOf(Objects.requireNonNull(lostReasons, "lostReasons"));
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("pipelineId", pipelineId, Bounds.ID_LENGTH);
        Bounds.texts("lostReasons", lostReasons, Bounds.MAX_LOST_REASONS, Bounds.NAME_LENGTH);
        Bounds.time("occurredAt", occurredAt);
    }

    @Override
    public String targetAggregateId() {
        return pipelineId;
    }
}
