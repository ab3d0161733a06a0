package dev.salespipeline.command.pipeline.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.salespipeline.api.pipeline.StageDefinition;

/**
 * A pipeline as it is defined now: its stages in order, its idle limit and its reasons for losing a deal.
 */
public record PipelineDefinition(String pipelineId, String name, List<StageDefinition> stages, Duration idleLimit,
                                 List<String> lostReasons) {

    public PipelineDefinition {
        Objects.requireNonNull(pipelineId, "pipelineId");
        stages = List.copyOf(stages);
        lostReasons = List.copyOf(lostReasons);
    }

    public Optional<StageDefinition> stage(String stageId) {
        return stages.stream().filter(stage -> stage.stageId().equals(stageId)).findFirst();
    }

    public boolean hasStage(String stageId) {
        return stage(stageId).isPresent();
    }

    public boolean hasLostReason(String reason) {
        return lostReasons.contains(reason);
    }
}
