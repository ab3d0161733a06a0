package dev.salespipeline.analytics.forecast;

import java.util.Objects;

import dev.salespipeline.analytics.serde.PipelineEvents;
import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.target.SalesTargetChanged;
import dev.salespipeline.api.target.SalesTargetSet;
import dev.salespipeline.api.target.SalesTargetWithdrawn;
import dev.salespipeline.api.target.SubjectType;
import dev.salespipeline.api.target.TargetPeriod;

/**
 * A sales target as its events leave it (store {@value ForecastTopology#TARGETS_STORE}, by target id).
 *
 * @param withdrawn       whether it was withdrawn: it no longer counts
 * @param appliedSequence aggregate sequence of the last event folded in
 */
public record SalesTarget(String targetId, String pipelineId, SubjectType subjectType, String subjectId,
                          TargetPeriod period, Money amount, boolean withdrawn, long appliedSequence) {

    public SalesTarget {
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(subjectType, "subjectType");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(amount, "amount");
    }

    /** The target after the event; a redelivered event, or a change before the target was set, leaves it as it is. */
    static SalesTarget fold(SalesTarget current, EventEnvelope<DomainEvent> envelope) {
        if (current != null && envelope.aggregateSequence() <= current.appliedSequence()) {
            return current;
        }
        DomainEvent event = PipelineEvents.event(envelope).orElse(null);
        long sequence = envelope.aggregateSequence();
        if (event instanceof SalesTargetSet set) {
            return new SalesTarget(set.targetId(), set.pipelineId(), set.subjectType(), set.subjectId(), set.period(),
                    set.amount(), false, sequence);
        }
        if (current == null) {
            return null;
        }
        if (event instanceof SalesTargetChanged changed) {
            return new SalesTarget(current.targetId, current.pipelineId, current.subjectType, current.subjectId,
                    current.period, changed.amount(), current.withdrawn, sequence);
        }
        if (event instanceof SalesTargetWithdrawn) {
            return new SalesTarget(current.targetId, current.pipelineId, current.subjectType, current.subjectId,
                    current.period, current.amount, true, sequence);
        }
        return current;
    }

    /** {@code owner:<id>} or {@code team:<id>}, as the deals name their subjects. */
    String subject() {
        return ForecastContributions.subject(subjectType, subjectId);
    }
}
