package dev.salespipeline.analytics.conversion;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one deal counts for in one pipeline's conversion figures, before it is spread over owner, channel and
 * period rows (see {@link ConversionContributions#cells}).
 *
 * @param ownerId         the deal's current owner
 * @param sourceChannel   the deal's current channel, {@code -} for none
 * @param startedAt       when the deal started in the pipeline (its cohort); null when it has no stage there
 * @param enteredStageIds the stages the deal entered in the pipeline, sorted, each once
 * @param outcome         how its journey in the pipeline stands
 * @param closedAt        its latest close, when it is closed (won or lost) in this pipeline; null otherwise
 */
public record ConversionPart(String ownerId, String sourceChannel, Instant startedAt, List<String> enteredStageIds,
                             JourneyOutcome outcome, Instant closedAt) {

    public ConversionPart {
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(sourceChannel, "sourceChannel");
        Objects.requireNonNull(outcome, "outcome");
        enteredStageIds = enteredStageIds == null ? List.of() : List.copyOf(enteredStageIds);
    }
}
