package dev.salespipeline.api.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;


/**
 * A pipeline as its events define it at a moment: its stages in order, its idle limit, its reasons for
 * losing a deal, and the stages removed from it (as they were when removed), which deals' histories still
 * name. Every service that needs pipeline definitions folds the pipeline events into this value with
 * {@link PipelineDefinitions#evolve}, so none can read an event differently from another.
 */
public record PipelineDefinition(String pipelineId, String name, List<StageDefinition> stages, Duration idleLimit,
                                 List<String> lostReasons, List<StageDefinition> removedStages) {

    public PipelineDefinition {
        Objects.requireNonNull(pipelineId, "pipelineId");
        stages = List.copyOf(stages);
        lostReasons = List.copyOf(lostReasons);
        removedStages = removedStages == null ? List.of() : List.copyOf(removedStages);
    }

    /** A definition without removed stages. */
    public PipelineDefinition(String pipelineId, String name, List<StageDefinition> stages, Duration idleLimit,
                              List<String> lostReasons) {
        this(pipelineId, name, stages, idleLimit, lostReasons, List.of());
    }

    /** A current stage. */
    public Optional<StageDefinition> stage(String stageId) {
        return stages.stream().filter(stage -> stage.stageId().equals(stageId)).findFirst();
    }

    /** A current stage, or else a removed one as it was when it was removed. */
    public Optional<StageDefinition> stageEverDefined(String stageId) {
        return stage(stageId).or(() -> removedStages.stream().filter(stage -> stage.stageId().equals(stageId))
                .reduce((first, later) -> later));
    }

    /** The stage's place in the current order (0 first), or -1 for a removed or unknown stage. */
    public int position(String stageId) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).stageId().equals(stageId)) {
                return i;
            }
        }
        return -1;
    }

    public boolean hasStage(String stageId) {
        return stage(stageId).isPresent();
    }

    public boolean hasLostReason(String reason) {
        return lostReasons.contains(reason);
    }
}
