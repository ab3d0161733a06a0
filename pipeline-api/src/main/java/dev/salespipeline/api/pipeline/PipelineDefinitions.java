package dev.salespipeline.api.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;


/**
 * How each pipeline event changes a {@link PipelineDefinition}. The pipeline aggregate and the catalog
 * both evolve their definition through this one function, so they cannot disagree about what an event
 * means. Events are facts that the aggregate has checked; they are applied without checking again.
 */
public final class PipelineDefinitions {

    private PipelineDefinitions() {
    }

    public static PipelineDefinition defined(PipelineDefined event) {
        return new PipelineDefinition(event.pipelineId(), event.name(), event.stages(), event.idleLimit(),
                event.lostReasons(), List.of());
    }

    /**
     * @param current the definition before the event; ignored for {@link PipelineDefined}
     */
    public static PipelineDefinition evolve(PipelineDefinition current, PipelineEvent event) {
        if (event instanceof PipelineDefined defined) {
            return defined(defined);
        }
        if (event instanceof StageAdded added) {
            List<StageDefinition> stages = new ArrayList<>(current.stages());
            // The aggregate only accepts positions within the pipeline; readers clamp rather than fail on one.
            stages.add(Math.min(Math.max(added.position(), 0), stages.size()), added.stage());
            return withStages(current, stages);
        }
        if (event instanceof StageRenamed renamed) {
            return withStage(current, renamed.stageId(), stage -> new StageDefinition(stage.stageId(), renamed.name(),
                    stage.probability(), stage.timeLimit(), stage.exitRequirements()));
        }
        if (event instanceof StagesReordered reordered) {
            Map<String, StageDefinition> byId = current.stages().stream()
                    .collect(Collectors.toMap(StageDefinition::stageId, Function.identity()));
            return withStages(current, reordered.stageIds().stream().map(byId::get).toList());
        }
        if (event instanceof StageRemoved removed) {
            List<StageDefinition> gone = new ArrayList<>(current.removedStages());
            current.stage(removed.stageId()).ifPresent(gone::add);
            return new PipelineDefinition(current.pipelineId(), current.name(), current.stages().stream()
                    .filter(stage -> !stage.stageId().equals(removed.stageId()))
                    .toList(), current.idleLimit(), current.lostReasons(), gone);
        }
        if (event instanceof StageSettingsChanged changed) {
            return withStage(current, changed.stageId(), stage -> new StageDefinition(stage.stageId(), stage.name(),
                    changed.probability(), changed.timeLimit(), changed.exitRequirements()));
        }
        if (event instanceof LostReasonsChanged changed) {
            return new PipelineDefinition(current.pipelineId(), current.name(), current.stages(), current.idleLimit(),
                    changed.lostReasons(), current.removedStages());
        }
        if (event instanceof IdleLimitChanged changed) {
            return new PipelineDefinition(current.pipelineId(), current.name(), current.stages(), changed.idleLimit(),
                    current.lostReasons(), current.removedStages());
        }
        throw new IllegalArgumentException("unknown pipeline event " + event.getClass().getName());
    }

    private static PipelineDefinition withStages(PipelineDefinition current, List<StageDefinition> stages) {
        return new PipelineDefinition(current.pipelineId(), current.name(), stages, current.idleLimit(),
                current.lostReasons(), current.removedStages());
    }

    private static PipelineDefinition withStage(PipelineDefinition current, String stageId,
                                                UnaryOperator<StageDefinition> change) {
        return withStages(current, current.stages().stream()
                .map(stage -> stage.stageId().equals(stageId) ? change.apply(stage) : stage)
                .toList());
    }
}
