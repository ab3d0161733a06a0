package dev.salespipeline.query.access;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.metrics.PipelineCoverage;
import dev.salespipeline.api.target.SalesTargetSet;
import dev.salespipeline.api.target.SubjectType;
import dev.salespipeline.query.events.Documents;
import dev.salespipeline.query.events.Projection;
import dev.salespipeline.query.events.ProjectionBatch;

/**
 * Keeps {@link TargetAccess} documents from the events that set a target; a document is written only by an
 * event later in its target's sequence than the one it holds, so duplicates and replays change nothing. A
 * withdrawn target keeps its document: its coverage row is deleted by streams-analytics.
 */
@Component
class TargetAccessProjection implements Projection {

    private static Documents<TargetAccess> targets(ProjectionBatch batch) {
        return batch.documents(TargetAccess.class, TargetAccess::targetId, "lastSequence", TargetAccess::lastSequence);
    }

    @Override
    public void load(List<EventEnvelope<?>> events, ProjectionBatch batch) {
        targets(batch).load(events.stream().filter(envelope -> envelope.payload() instanceof SalesTargetSet)
                .map(envelope -> ((SalesTargetSet) envelope.payload()).targetId()).toList());
    }

    @Override
    public void apply(EventEnvelope<?> envelope, ProjectionBatch batch) {
        if (!(envelope.payload() instanceof SalesTargetSet set)) {
            return;
        }
        Documents<TargetAccess> targets = targets(batch);
        TargetAccess current = targets.get(set.targetId());
        if (current != null && current.lastSequence() >= envelope.aggregateSequence()) {
            return;
        }
        String teamId = set.subjectType() == SubjectType.TEAM && set.teamId() == null ? set.subjectId() : set.teamId();
        String coverageKey = PipelineCoverage.key(set.pipelineId(), PeriodType.valueOf(set.period().kind().name()),
                set.period().toString(), set.subjectType(), set.subjectId());
        targets.put(new TargetAccess(set.targetId(), coverageKey, set.pipelineId(), set.subjectType(), set.subjectId(),
                teamId, envelope.aggregateSequence()));
    }
}
