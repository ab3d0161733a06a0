package dev.salespipeline.query.access;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.salespipeline.api.target.SubjectType;

/**
 * Whom a sales target is for and which team it belongs to, which decide who sees its coverage row, by the
 * rule of command-service's {@code GET /targets}. {@code coverageKey} is the key of its row on the coverage
 * topic; {@code lastSequence} the aggregate sequence of the last event applied.
 *
 * @param teamId the team the target belongs to: the team itself for a team target, the team named when it was
 *               set for an owner target (null if none was named)
 */
@Document(TargetAccess.COLLECTION)
public record TargetAccess(@Id String targetId, String coverageKey, String pipelineId, SubjectType subjectType,
                           String subjectId, String teamId, long lastSequence) {

    public static final String COLLECTION = "target_access";
}
