package dev.salespipeline.api.target;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.Bounds;

/**
 * Sets the amount an owner or a team is to win in one pipeline and period. The target id is
 * {@link SalesTargetIds#of} the pipeline, subject and period.
 *
 * @param teamId the team the target belongs to: for a team target the team itself (may be left null),
 *               for an owner target the owner's team, or null if it is not given
 */
public record SetSalesTarget(
        String targetId,
        String pipelineId,
        SubjectType subjectType,
        String subjectId,
        String teamId,
        TargetPeriod period,
        Money amount,
        Instant occurredAt) implements AggregateCommand {

    public SetSalesTarget {
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(subjectType, "subjectType");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("targetId", targetId, Bounds.EXTERNAL_ID_LENGTH);
        Bounds.text("pipelineId", pipelineId, Bounds.ID_LENGTH);
        Bounds.text("subjectId", subjectId, Bounds.ID_LENGTH);
        Bounds.text("teamId", teamId, Bounds.ID_LENGTH);
        Bounds.time("occurredAt", occurredAt);
    }

    @Override
    public String targetAggregateId() {
        return targetId;
    }
}
