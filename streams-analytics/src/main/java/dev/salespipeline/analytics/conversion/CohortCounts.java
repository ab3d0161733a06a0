package dev.salespipeline.analytics.conversion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.salespipeline.analytics.deal.FinestCells;
import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.PeriodType;

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

    /**
     * Every cohort row the finest cells add up to, by row key: each cell (one pipeline, owner, channel and day a
     * cohort started, period type {@link PeriodType#DAY}) counts in the sixteen rows of its owner and all, its
     * channel and all, and the periods of its day. A cell whose deals have all left it still makes its rows, with
     * no journeys, as the rows it was counted in stay.
     */
    public static Map<String, CohortCounts> rowsOf(Iterable<CohortCounts> cells) {
        Map<String, CohortCounts> rows = new TreeMap<>();
        for (CohortCounts cell : cells) {
            for (MetricKey key : FinestCells.rowKeys(cell.key())) {
                rows.merge(key.asString(), new CohortCounts(key, cell.journeys()), CohortCounts::plus);
            }
        }
        return rows;
    }

    /** The counts with another's journeys added, under this key. */
    CohortCounts plus(CohortCounts other) {
        List<JourneyCount> sum = new ArrayList<>(journeys);
        for (JourneyCount journey : other.journeys()) {
            int at = -1;
            for (int i = 0; i < sum.size() && at < 0; i++) {
                if (sum.get(i).sameJourneyAs(journey)) {
                    at = i;
                }
            }
            if (at < 0) {
                sum.add(journey);
            } else {
                sum.set(at, new JourneyCount(journey.enteredStageIds(), journey.outcome(),
                        sum.get(at).deals() + journey.deals()));
            }
        }
        return new CohortCounts(key, sum);
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
