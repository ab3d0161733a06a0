package dev.salespipeline.analytics.pipeline;

import java.util.Objects;

import dev.salespipeline.api.pipeline.PipelineDefinition;

/**
 * A pipeline's current definition with the position of the last event folded into it; events of the
 * pipeline at or below that position are redeliveries and change nothing.
 */
public record PipelineDefinitionState(PipelineDefinition definition, long appliedSequence) {

    public PipelineDefinitionState {
        Objects.requireNonNull(definition, "definition");
    }
}
