package dev.salespipeline.query.pipeline.projection;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.salespipeline.api.pipeline.DealField;

/**
 * A pipeline as the query side knows it: its stages in order with their probabilities and limits, and
 * the stages removed from it, which deals' histories still name. {@code lastSequence} is the aggregate
 * sequence of the last pipeline event applied.
 *
 * @param idleLimitSeconds how long an open deal may go without activity before it counts as stalled, or
 *                         null for no limit
 */
@Document(PipelineView.COLLECTION)
public record PipelineView(
        @Id String pipelineId,
        String name,
        List<Stage> stages,
        List<Stage> removedStages,
        Long idleLimitSeconds,
        List<String> lostReasons,
        Instant updatedAt,
        long lastSequence) {

    public static final String COLLECTION = "pipelines";

    public PipelineView {
        stages = List.copyOf(stages);
        removedStages = removedStages == null ? List.of() : List.copyOf(removedStages);
        lostReasons = lostReasons == null ? List.of() : List.copyOf(lostReasons);
    }

    /**
     * @param timeLimitSeconds how long a deal may sit in the stage before it counts as stalled, or null
     */
    public record Stage(String stageId, String name, int probability, Long timeLimitSeconds,
                        Set<DealField> exitRequirements) {

        /** The requirements in the fields' order, so that the same stage is always the same document. */
        public Stage {
            exitRequirements = exitRequirements == null || exitRequirements.isEmpty() ? Set.of()
                    : Collections.unmodifiableSet(EnumSet.copyOf(exitRequirements));
        }
    }

    /** A current stage, or a removed one (whose name and settings are as they were when it was removed). */
    public Optional<Stage> stage(String stageId) {
        return stages.stream().filter(stage -> stage.stageId().equals(stageId)).findFirst()
                .or(() -> removedStages.stream().filter(stage -> stage.stageId().equals(stageId)).findFirst());
    }

    /** The stage's place in the current order (0 first), or -1 for a removed or unknown stage. */
    public int position(String stageId) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).stageId().equals(stageId)) {
                return i;
            }
        }
        return -1;
    }
}
