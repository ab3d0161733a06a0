package dev.salespipeline.command.pipeline.command;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.salespipeline.api.pipeline.StageDefinition;
import dev.salespipeline.api.pipeline.PipelineDefinition;

/**
 * The pipeline's rules. Malformed input (blank names, an empty or repeated lost reason, a position
 * outside the pipeline, a reorder that is not a permutation, an unknown stage) is an
 * {@link IllegalArgumentException}; a command that is well-formed but would break the definition as
 * it stands is a {@link PipelineRuleViolation} carrying one of the names below.
 */
final class PipelineRules {

    /**
     * A stage id names one stage for the pipeline's whole life: no two stages share one, and the id of a
     * removed stage is not given to a new one (deals' history in the removed stage still uses it).
     */
    static final String STAGE_IDS_UNIQUE = "StageIdsUnique";
    /** A pipeline keeps at least one stage: its last stage cannot be removed. */
    static final String PIPELINE_KEEPS_A_STAGE = "PipelineKeepsAStage";

    private PipelineRules() {
    }

    static void checkName(String name, String of) {
        if (name.isBlank()) {
            throw new IllegalArgumentException(of + " needs a name");
        }
    }

    static void checkStage(StageDefinition stage) {
        if (stage.stageId().isBlank()) {
            throw new IllegalArgumentException("a stage needs an id");
        }
        checkName(stage.name(), "stage " + stage.stageId());
    }

    /** At least one stage, each well-formed, no id twice. */
    static void checkStages(List<StageDefinition> stages) {
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one stage");
        }
        Set<String> ids = new HashSet<>();
        for (StageDefinition stage : stages) {
            checkStage(stage);
            if (!ids.add(stage.stageId())) {
                throw new IllegalArgumentException("stage id " + stage.stageId() + " is given twice");
            }
        }
    }

    static void checkIdleLimit(Duration idleLimit) {
        if (idleLimit.isNegative() || idleLimit.isZero()) {
            throw new IllegalArgumentException("the idle limit must be positive: " + idleLimit);
        }
    }

    /** At least one reason, none blank, none twice (ignoring case and surrounding blanks). */
    static void checkLostReasons(List<String> lostReasons) {
        if (lostReasons.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one reason for losing a deal");
        }
        Set<String> seen = new HashSet<>();
        for (String reason : lostReasons) {
            if (reason.isBlank()) {
                throw new IllegalArgumentException("a lost reason must not be blank");
            }
            if (!seen.add(reason.strip().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("lost reason '" + reason + "' is given twice");
            }
        }
    }

    static StageDefinition checkKnownStage(PipelineDefinition pipeline, String stageId) {
        return pipeline.stage(stageId).orElseThrow(() -> new IllegalArgumentException(
                "pipeline " + pipeline.pipelineId() + " has no stage " + stageId));
    }

    static void checkStageIdUnused(Set<String> stageIdsEverUsed, String pipelineId, String stageId) {
        if (stageIdsEverUsed.contains(stageId)) {
            throw new PipelineRuleViolation(STAGE_IDS_UNIQUE, "pipeline " + pipelineId + " has or had a stage "
                    + stageId + ": choose another id");
        }
    }

    static void checkPosition(int position, int stageCount) {
        if (position < 0 || position > stageCount) {
            throw new IllegalArgumentException("position must be between 0 and " + stageCount + ": " + position);
        }
    }

    static void checkPermutation(List<String> currentIds, List<String> proposedIds) {
        if (proposedIds.size() != currentIds.size() || !new HashSet<>(proposedIds).equals(new HashSet<>(currentIds))) {
            throw new IllegalArgumentException("the new order must name each of the stages " + currentIds
                    + " exactly once: " + proposedIds);
        }
    }

    static void checkNotLastStage(PipelineDefinition pipeline, String stageId) {
        if (pipeline.stages().size() == 1) {
            throw new PipelineRuleViolation(PIPELINE_KEEPS_A_STAGE, "stage " + stageId
                    + " is the last stage of pipeline " + pipeline.pipelineId() + " and cannot be removed");
        }
    }
}
