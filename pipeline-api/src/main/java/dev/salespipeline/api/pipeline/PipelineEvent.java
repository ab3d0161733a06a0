package dev.salespipeline.api.pipeline;

import dev.salespipeline.api.DomainEvent;

/**
 * An event in the life of one pipeline definition. Stages are always named by their stable id, so
 * that consumers can follow a deal's history across renames, reorders and removals.
 */
public sealed interface PipelineEvent extends DomainEvent permits PipelineDefined, StageAdded, StageRenamed,
        StagesReordered, StageRemoved, StageSettingsChanged, LostReasonsChanged, IdleLimitChanged {

    String pipelineId();

    @Override
    default String aggregateId() {
        return pipelineId();
    }
}
