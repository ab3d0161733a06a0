package dev.salespipeline.command.deal.command;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import dev.salespipeline.api.pipeline.DealField;
import dev.salespipeline.api.pipeline.StageDefinition;
import dev.salespipeline.api.pipeline.PipelineDefinition;

/**
 * The deal's rules, each with the name the API reports when it is broken.
 */
final class DealRules {

    /** A closed (won or lost) deal takes no stage move, win or loss until it is reopened. */
    static final String CLOSED_DEAL_POLICY = "ClosedDealPolicy";
    /** Only a closed deal can be reopened. */
    static final String REOPEN_ONLY_CLOSED = "ReopenOnlyClosedDeals";
    /** A deal's stage is one of its pipeline's stages. */
    static final String STAGE_BELONGS_TO_PIPELINE = "StageBelongsToPipeline";
    /** A deal leaves a stage only once the stage's required fields are filled. */
    static final String STAGE_EXIT_REQUIREMENTS = "StageExitRequirements";
    /** A deal is lost for one of its pipeline's configured reasons. */
    static final String LOST_REASON_CONFIGURED = "LostReasonConfigured";

    /** A transfer goes to another pipeline; within one, a deal moves. */
    static final String TRANSFER_TO_ANOTHER_PIPELINE = "TransferToAnotherPipeline";
    /** A task id names one task for the deal's whole life. */
    static final String TASK_ID_UNIQUE = "TaskIdUnique";
    /** Only an open task can be done, rescheduled or cancelled. */
    static final String OPEN_TASK_ONLY = "OpenTaskOnly";
    /** An email can only be opened if it was logged on the deal. */
    static final String KNOWN_EMAIL = "KnownEmail";

    private DealRules() {
    }

    static void checkOpen(boolean closed, String dealId) {
        if (closed) {
            throw new DealRuleViolation(CLOSED_DEAL_POLICY, "deal " + dealId + " is closed: reopen it first");
        }
    }

    static StageDefinition checkStageOf(PipelineDefinition pipeline, String stageId) {
        return pipeline.stage(stageId).orElseThrow(() -> new DealRuleViolation(STAGE_BELONGS_TO_PIPELINE,
                "stage " + stageId + " is not a stage of pipeline " + pipeline.pipelineId()));
    }

    /**
     * @param filled whether a field of the deal is filled
     */
    static void checkExitRequirements(PipelineDefinition pipeline, String currentStageId, Predicate<DealField> filled) {
        // A stage removed from the pipeline since the deal entered it no longer holds the deal back.
        pipeline.stage(currentStageId).ifPresent(stage -> {
            Set<DealField> missing = EnumSet.noneOf(DealField.class);
            stage.exitRequirements().stream().filter(filled.negate()).forEach(missing::add);
            if (!missing.isEmpty()) {
                throw new DealRuleViolation(STAGE_EXIT_REQUIREMENTS,
                        "the deal cannot leave stage " + stage.name() + " before these are filled: " + missing,
                        Map.of("stageId", stage.stageId(), "missingFields",
                                missing.stream().map(DealField::name).toList()));
            }
        });
    }

    static void checkOpenTask(boolean open, String taskId) {
        if (!open) {
            throw new DealRuleViolation(OPEN_TASK_ONLY, "task " + taskId + " is not an open task of this deal");
        }
    }

    static void checkLostReason(PipelineDefinition pipeline, String reason) {
        if (!pipeline.hasLostReason(reason)) {
            throw new DealRuleViolation(LOST_REASON_CONFIGURED, "'" + reason + "' is not one of pipeline "
                    + pipeline.pipelineId() + "'s lost reasons " + pipeline.lostReasons());
        }
    }
}
