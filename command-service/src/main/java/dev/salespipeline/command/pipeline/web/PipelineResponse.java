package dev.salespipeline.command.pipeline.web;

import java.time.Duration;
import java.util.List;

import dev.salespipeline.api.pipeline.PipelineDefinition;
import io.swagger.v3.oas.annotations.media.Schema;

/** A pipeline's current definition, as {@code GET /pipelines/{pipelineId}} answers it. */
public record PipelineResponse(
        String pipelineId,
        String name,
        List<PipelineStage> stages,
        @Schema(implementation = String.class, format = "duration", example = "PT336H") Duration idleLimit,
        List<String> lostReasons) {

    static PipelineResponse of(PipelineDefinition definition) {
        return new PipelineResponse(definition.pipelineId(), definition.name(),
                definition.stages().stream().map(PipelineStage::of).toList(), definition.idleLimit(),
                definition.lostReasons());
    }
}
