package dev.salespipeline.analytics.deal;

import java.util.Objects;

import dev.salespipeline.api.pipeline.PipelineDefinition;

/** A deal with the current definition of the pipeline it is in now. */
public record DealInPipeline(DealState deal, PipelineDefinition pipeline) {

    public DealInPipeline {
        Objects.requireNonNull(deal, "deal");
        Objects.requireNonNull(pipeline, "pipeline");
    }
}
