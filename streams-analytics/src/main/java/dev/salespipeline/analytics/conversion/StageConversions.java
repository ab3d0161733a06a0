package dev.salespipeline.analytics.conversion;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.StageConversion;
import dev.salespipeline.api.metrics.StageReach;
import dev.salespipeline.api.pipeline.PipelineDefinition;
import dev.salespipeline.api.pipeline.StageDefinition;

/** The conversion figures of a cohort, read out in the pipeline's current stage order. */
public final class StageConversions {

    private StageConversions() {
    }

    public static StageConversion of(CohortCounts counts, PipelineDefinition pipeline) {
        long opened = 0;
        long won = 0;
        long lost = 0;
        long transferredOut = 0;
        for (JourneyCount journey : counts.journeys()) {
            opened += journey.deals();
            switch (journey.outcome()) {
                case WON -> won += journey.deals();
                case LOST -> lost += journey.deals();
                case TRANSFERRED_OUT -> transferredOut += journey.deals();
                case OPEN -> { }
            }
        }

        List<StageDefinition> stages = pipeline.stages();
        long[] reached = new long[stages.size()];
        long[] entered = new long[stages.size()];
        // by stage id, so that the rows do not depend on the order the journeys were counted in
        Set<String> notCurrent = new TreeSet<>();
        for (JourneyCount journey : counts.journeys()) {
            // Won is later than every stage; Lost is not a stage and adds nothing.
            int furthest = journey.outcome() == JourneyOutcome.WON ? stages.size() - 1 : -1;
            for (String stageId : journey.enteredStageIds()) {
                int position = pipeline.position(stageId);
                if (position < 0) {
                    notCurrent.add(stageId);
                    continue;
                }
                entered[position] += journey.deals();
                furthest = Math.max(furthest, position);
            }
            for (int i = 0; i <= furthest; i++) {
                reached[i] += journey.deals();
            }
        }

        List<StageReach> reach = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            long next = i + 1 < stages.size() ? reached[i + 1] : won;
            reach.add(new StageReach(stages.get(i).stageId(), stages.get(i).name(), true, reached[i], entered[i],
                    ratio(next, reached[i])));
        }
        for (String stageId : notCurrent) {
            long deals = counts.journeys().stream()
                    .filter(journey -> journey.enteredStageIds().contains(stageId))
                    .mapToLong(JourneyCount::deals)
                    .sum();
            String name = pipeline.stageEverDefined(stageId).map(StageDefinition::name).orElse(null);
            reach.add(new StageReach(stageId, name, false, null, deals, null));
        }

        MetricKey key = counts.key();
        return new StageConversion(key.pipelineId(), key.ownerId(), key.sourceChannel(), key.periodType(),
                key.period(), opened, won, lost, transferredOut, reach, ratio(won, opened));
    }

    static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }
}
