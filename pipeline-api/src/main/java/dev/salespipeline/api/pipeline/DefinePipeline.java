package dev.salespipeline.api.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.Bounds;

/**
 * Defines a new pipeline: its stages in order, how long a deal may go without activity before it counts
 * as stalled, and the reasons a deal can be lost for. The id is chosen by the caller (or by the REST
 * layer on its behalf), so that a retried request cannot define the same pipeline twice.
 */
public record DefinePipeline(
        String pipelineId,
        String name,
        List<StageDefinition> stages,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Duration idleLimit,
        List<String> lostReasons,
        Instant occurredAt) implements AggregateCommand {

    public DefinePipeline {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(name, "name");
        stages = List.copyOf(Objects.requireNonNull(stages, "stages"));
        Objects.requireNonNull(idleLimit, "idleLimit");
        lostReasons = List.copyOf(Objects.requireNonNull(lostReasons, "lostReasons"));
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("pipelineId", pipelineId, Bounds.ID_LENGTH);
        Bounds.text("name", name, Bounds.NAME_LENGTH);
        Bounds.size("stages", stages, Bounds.MAX_STAGES);
        Bounds.limit("idleLimit", idleLimit);
        Bounds.texts("lostReasons", lostReasons, Bounds.MAX_LOST_REASONS, Bounds.NAME_LENGTH);
        Bounds.time("occurredAt", occurredAt);
    }

    @Override
    public String targetAggregateId() {
        return pipelineId;
    }
}
