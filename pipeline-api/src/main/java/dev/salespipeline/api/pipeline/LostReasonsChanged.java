package dev.salespipeline.api.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A pipeline's reasons for losing a deal were replaced by {@code lostReasons}, in the order offered.
 */
public record LostReasonsChanged(String pipelineId, List<String> lostReasons, Instant occurredAt)
        implements PipelineEvent {

    public LostReasonsChanged {
        Objects.requireNonNull(pipelineId, "pipelineId");
        lostReasons = List.copyOf(Objects.requireNonNull(lostReasons, "lostReasons"));
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
