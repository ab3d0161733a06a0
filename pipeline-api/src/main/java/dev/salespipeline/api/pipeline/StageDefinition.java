package dev.salespipeline.api.pipeline;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonFormat;

import dev.salespipeline.api.Bounds;

/**
 * One stage of a pipeline. The id is stable for the stage's whole life, so a deal's history in a stage
 * survives renames and removals.
 *
 * @param stageId          stable id, unique within the pipeline
 * @param name             the action the stage stands for, e.g. "Proposal sent"
 * @param probability      default win probability of a deal in this stage, 0 to 100 percent
 * @param timeLimit        how long a deal may sit here before it counts as stalled; null for no limit
 * @param exitRequirements deal fields that must be filled before a deal may leave this stage
 */
public record StageDefinition(String stageId, String name, int probability,
                              // ISO-8601 text ("PT336H") with either Jackson version, not seconds
                              @JsonFormat(shape = JsonFormat.Shape.STRING) Duration timeLimit,
                              Set<DealField> exitRequirements) {

    public StageDefinition {
        Objects.requireNonNull(stageId, "stageId");
        Objects.requireNonNull(name, "name");
        if (probability < 0 || probability > 100) {
            throw new IllegalArgumentException("probability must be between 0 and 100: " + probability);
        }
        if (timeLimit != null && (timeLimit.isNegative() || timeLimit.isZero())) {
            throw new IllegalArgumentException("timeLimit must be positive: " + timeLimit);
        }
        if (timeLimit != null && timeLimit.compareTo(Bounds.MAX_LIMIT) > 0) {
            Bounds.limit("timeLimit", timeLimit);
        }
        exitRequirements = exitRequirements == null ? Set.of() : Set.copyOf(exitRequirements);
        Bounds.text("stageId", stageId, Bounds.ID_LENGTH);
        Bounds.text("name", name, Bounds.NAME_LENGTH);
    }
}
