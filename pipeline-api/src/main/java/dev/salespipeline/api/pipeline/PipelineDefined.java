package dev.salespipeline.api.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * A pipeline was defined with its stages in order, its idle limit and its reasons for losing a deal.
 */
public record PipelineDefined(
        String pipelineId,
        String name,
        List<StageDefinition> stages,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Duration idleLimit,
        List<String> lostReasons,
        Instant occurredAt) implements PipelineEvent {

    public PipelineDefined {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(name, "name");
        stages = List.copyOf(Objects.requireNonNull(stages, "stages"));
        Objects.requireNonNull(idleLimit, "idleLimit");
        lostReasons = List.copyOf(Objects.requireNonNull(lostReasons, "lostReasons"));
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
