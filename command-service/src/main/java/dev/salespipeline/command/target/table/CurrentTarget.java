package dev.salespipeline.command.target.table;

import java.time.Instant;

import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.target.SubjectType;
import dev.salespipeline.api.target.TargetPeriod;

/**
 * A target that counts now, as {@link SalesTargetTable} holds it.
 *
 * @param teamId    the team the target belongs to, or null
 * @param version   the target's version, as its ETag carries it
 * @param changedAt business time of the last change
 */
public record CurrentTarget(String targetId, String pipelineId, SubjectType subjectType, String subjectId,
                            String teamId, TargetPeriod period, Money amount, long version, Instant changedAt) {
}
