package dev.salespipeline.api.target;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.deal.Money;

/**
 * A sales target was set: the amount an owner or a team is to win in one pipeline and period.
 * {@code teamId} is the team the target belongs to (for a team target the team itself); null for an
 * owner target set without naming the owner's team.
 */
public record SalesTargetSet(
        String targetId,
        String pipelineId,
        SubjectType subjectType,
        String subjectId,
        String teamId,
        TargetPeriod period,
        Money amount,
        Instant occurredAt) implements SalesTargetEvent {

    public SalesTargetSet {
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(subjectType, "subjectType");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
