package dev.salespipeline.analytics.conversion;

import java.util.List;
import java.util.Objects;

import dev.salespipeline.api.metrics.MetricKey;

/**
 * What one deal adds to one metric key of the conversion family.
 *
 * @param kind            {@link Kind#COHORT}: to the cohort of the period it started in the pipeline;
 *                        {@link Kind#CLOSED}: to the win rate of the period it was closed in
 * @param key             the metric key
 * @param enteredStageIds the stages the deal entered in the pipeline, sorted, each once (empty for CLOSED)
 * @param outcome         how its journey in the pipeline stands (WON or LOST for CLOSED)
 */
public record ConversionContribution(Kind kind, MetricKey key, List<String> enteredStageIds, JourneyOutcome outcome) {

    public enum Kind {
        COHORT, CLOSED
    }

    public ConversionContribution {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(outcome, "outcome");
        enteredStageIds = enteredStageIds == null ? List.of() : List.copyOf(enteredStageIds);
    }

    /** Identifies the slot the contribution fills: one per kind and metric key for a deal. */
    String slot() {
        return kind + "/" + key.asString();
    }
}
