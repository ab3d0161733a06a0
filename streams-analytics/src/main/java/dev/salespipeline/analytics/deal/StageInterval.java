package dev.salespipeline.analytics.deal;

import java.time.Instant;
import java.util.Objects;

/**
 * A stretch of time a deal spent in one stage of one pipeline. Stages are named by id, so an interval
 * keeps counting under its stage after the stage is renamed, moved or removed.
 *
 * @param leftAt when the deal moved on, was closed or transferred; null while it is still there
 */
public record StageInterval(String pipelineId, String stageId, Instant enteredAt, Instant leftAt) {

    public StageInterval {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(stageId, "stageId");
        Objects.requireNonNull(enteredAt, "enteredAt");
    }

    StageInterval leaving(Instant at) {
        return new StageInterval(pipelineId, stageId, enteredAt, at);
    }
}
