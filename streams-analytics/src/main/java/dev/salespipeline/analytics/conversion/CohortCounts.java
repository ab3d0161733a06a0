package dev.salespipeline.analytics.conversion;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.salespipeline.api.metrics.MetricKey;

/**
 * A cohort's deals counted by journey (stages entered and outcome), the stored aggregate of the conversion
 * family. Journeys are kept rather than per-stage counts because "reached" depends on the stage order,
 * which may change after the fact; the figures are worked out from the journeys and the current order by
 * {@link StageConversions}.
 */
public record CohortCounts(MetricKey key, List<JourneyCount> journeys) {

    public CohortCounts {
        Objects.requireNonNull(key, "key");
        journeys = journeys == null ? List.of() : List.copyOf(journeys);
    }

    /** The counts of the key after a deal's recount: its old journey ({@code removed}) out, its new one in. */
    static CohortCounts apply(CohortCounts current, MetricKey key, ConversionContribution removed,
                              ConversionContribution added) {
        List<JourneyCount> journeys = new ArrayList<>(current == null ? List.of() : current.journeys());
        if (removed != null) {
            change(journeys, removed, -1);
        }
        if (added != null) {
            change(journeys, added, 1);
        }
        return new CohortCounts(key, journeys);
    }

    private static void change(List<JourneyCount> journeys, ConversionContribution contribution, long by) {
        for (int i = 0; i < journeys.size(); i++) {
            JourneyCount journey = journeys.get(i);
            if (journey.sameJourneyAs(contribution)) {
                long deals = journey.deals() + by;
                if (deals <= 0) {
                    journeys.remove(i);
                } else {
                    journeys.set(i, new JourneyCount(journey.enteredStageIds(), journey.outcome(), deals));
                }
                return;
            }
        }
        if (by > 0) {
            journeys.add(new JourneyCount(contribution.enteredStageIds(), contribution.outcome(), by));
        }
    }
}
