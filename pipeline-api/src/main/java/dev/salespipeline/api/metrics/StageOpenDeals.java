package dev.salespipeline.api.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The open deals in one stage within a {@link StageAge}.
 *
 * @param stageId          the stage's stable id
 * @param openDeals        open deals whose current stage this is
 * @param averageEnteredAt the mean instant at which they entered it (to the second)
 */
public record StageOpenDeals(String stageId, long openDeals, Instant averageEnteredAt) {

    public StageOpenDeals {
        Objects.requireNonNull(stageId, "stageId");
        Objects.requireNonNull(averageEnteredAt, "averageEnteredAt");
    }

    /** The mean current age of the open deals in the stage at the given instant. */
    public Duration averageAgeAt(Instant now) {
        return Duration.between(averageEnteredAt, now);
    }
}
