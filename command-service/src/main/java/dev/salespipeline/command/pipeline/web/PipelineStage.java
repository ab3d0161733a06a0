package dev.salespipeline.command.pipeline.web;

import java.time.Duration;
import java.util.Set;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import dev.salespipeline.api.Bounds;
import dev.salespipeline.api.pipeline.DealField;
import dev.salespipeline.api.pipeline.StageDefinition;
import dev.salespipeline.command.web.Identifiers;

/**
 * A stage as the REST API writes and reads it. {@code timeLimit} is an ISO-8601 duration such as
 * {@code "P14D"}, or absent for no limit; {@code exitRequirements} may be absent for none.
 */
public record PipelineStage(
        @NotBlank @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String stageId,
        @NotBlank @Size(max = Bounds.NAME_LENGTH) String name,
        @NotNull @Min(0) @Max(100) Integer probability,
        @Schema(implementation = String.class, format = "duration", example = "P14D",
                description = "ISO-8601 duration a deal may stay in the stage before it counts as stalled")
        @DurationMin(minutes = 1) @DurationMax(days = 3_650) Duration timeLimit,
        Set<DealField> exitRequirements) {

    StageDefinition toDefinition() {
        return new StageDefinition(stageId, name.strip(), probability, timeLimit, exitRequirements);
    }

    static PipelineStage of(StageDefinition stage) {
        return new PipelineStage(stage.stageId(), stage.name(), stage.probability(), stage.timeLimit(),
                stage.exitRequirements());
    }
}
