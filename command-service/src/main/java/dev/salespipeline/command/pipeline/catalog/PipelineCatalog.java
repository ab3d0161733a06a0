package dev.salespipeline.command.pipeline.catalog;

import java.util.Optional;

import dev.salespipeline.api.pipeline.PipelineDefinition;

/**
 * The current definition of each pipeline, as the deal aggregate needs it to check its rules (stage
 * belongs to the pipeline, exit requirements, lost reasons). Kept up to date from the pipeline events
 * in the same transaction that stores them, so a deal never sees a definition older than the last
 * accepted pipeline command.
 */
public interface PipelineCatalog {

    Optional<PipelineDefinition> find(String pipelineId);
}
