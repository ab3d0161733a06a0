package dev.salespipeline.analytics.conversion;

import java.util.List;

/** How many deals of a cohort made the same journey: the same stages entered, the same outcome. */
public record JourneyCount(List<String> enteredStageIds, JourneyOutcome outcome, long deals) {

    public JourneyCount {
        enteredStageIds = enteredStageIds == null ? List.of() : List.copyOf(enteredStageIds);
    }

    boolean sameJourneyAs(ConversionContribution contribution) {
        return outcome == contribution.outcome() && enteredStageIds.equals(contribution.enteredStageIds());
    }

    boolean sameJourneyAs(JourneyCount other) {
        return outcome == other.outcome() && enteredStageIds.equals(other.enteredStageIds());
    }
}
