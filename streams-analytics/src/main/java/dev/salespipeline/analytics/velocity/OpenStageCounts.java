package dev.salespipeline.analytics.velocity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.salespipeline.api.metrics.StageAge;
import dev.salespipeline.api.metrics.StageOpenDeals;

/**
 * The stored aggregate of the open deals per stage for one pipeline, owner and channel: per stage id, how many
 * open deals are there and the sum of the epoch seconds at which they entered it. Both can be taken back
 * exactly when a deal moves on, and the mean age at any instant follows from them.
 */
public record OpenStageCounts(String pipelineId, String ownerId, String sourceChannel, Map<String, Open> stages) {

    /** Open deals in one stage and the sum of their entry instants, in epoch seconds. */
    public record Open(long deals, long enteredAtSecondsTotal) {
    }

    public OpenStageCounts {
        Objects.requireNonNull(pipelineId, "pipelineId");
        stages = stages == null ? Map.of() : new TreeMap<>(stages);
    }

    static OpenStageCounts apply(OpenStageCounts current, VelocityContribution removed, VelocityContribution added) {
        Map<String, Open> stages = new TreeMap<>(current == null ? Map.of() : current.stages());
        if (removed != null) {
            change(stages, removed, -1);
        }
        if (added != null) {
            change(stages, added, 1);
        }
        VelocityContribution any = added != null ? added : removed;
        return new OpenStageCounts(any.pipelineId(), any.ownerId(), any.sourceChannel(), stages);
    }

    private static void change(Map<String, Open> stages, VelocityContribution contribution, int by) {
        Open open = stages.getOrDefault(contribution.stageId(), new Open(0, 0));
        Open changed = new Open(open.deals() + by, open.enteredAtSecondsTotal() + by * contribution.value());
        if (changed.deals() <= 0) {
            stages.remove(contribution.stageId());
        } else {
            stages.put(contribution.stageId(), changed);
        }
    }

    public StageAge metric() {
        List<StageOpenDeals> figures = new ArrayList<>();
        stages.forEach((stageId, open) -> figures.add(new StageOpenDeals(stageId, open.deals(),
                Instant.ofEpochSecond(Math.floorDiv(open.enteredAtSecondsTotal(), open.deals())))));
        return new StageAge(pipelineId, ownerId, sourceChannel, figures);
    }
}
