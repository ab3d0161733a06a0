package dev.salespipeline.query.board;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import dev.salespipeline.query.pipeline.projection.PipelineView;

/**
 * Where stages that are no longer in a pipeline go when deals still sit in them: after the current
 * stages, in the order they were removed, then stages the pipeline does not know at all (a deal event
 * applied before the pipeline's definition), by id.
 */
public final class StageOrder {

    private StageOrder() {
    }

    /** Those of {@code stageIds} that are not current stages of the pipeline, in that order. */
    public static List<String> notInPipeline(PipelineView pipeline, Collection<String> stageIds) {
        return stageIds.stream()
                .filter(stageId -> pipeline.position(stageId) < 0)
                .distinct()
                .sorted(Comparator.comparingInt((String stageId) -> removedIndex(pipeline, stageId))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    private static int removedIndex(PipelineView pipeline, String stageId) {
        for (int i = 0; i < pipeline.removedStages().size(); i++) {
            if (pipeline.removedStages().get(i).stageId().equals(stageId)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }
}
