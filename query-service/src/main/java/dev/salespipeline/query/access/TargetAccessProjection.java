package dev.salespipeline.query.access;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.metrics.PipelineCoverage;
import dev.salespipeline.api.target.SalesTargetSet;
import dev.salespipeline.api.target.SubjectType;
import dev.salespipeline.query.events.Projection;

/**
 * Keeps {@link TargetAccess} documents from the events that set a target; a document is written only by an
 * event later in its target's sequence than the one it holds, so duplicates and replays change nothing. A
 * withdrawn target keeps its document: its coverage row is deleted by streams-analytics.
 */
@Component
class TargetAccessProjection implements Projection {

    private final MongoTemplate mongo;

    TargetAccessProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void apply(EventEnvelope<?> envelope) {
        if (!(envelope.payload() instanceof SalesTargetSet set)) {
            return;
        }
        String teamId = set.subjectType() == SubjectType.TEAM && set.teamId() == null ? set.subjectId() : set.teamId();
        String coverageKey = PipelineCoverage.key(set.pipelineId(), PeriodType.valueOf(set.period().kind().name()),
                set.period().toString(), set.subjectType(), set.subjectId());
        Query older = Query.query(where("_id").is(set.targetId()).and("lastSequence").lt(envelope.aggregateSequence()));
        try {
            mongo.upsert(older, new Update().set("coverageKey", coverageKey).set("pipelineId", set.pipelineId())
                    .set("subjectType", set.subjectType()).set("subjectId", set.subjectId()).set("teamId", teamId)
                    .set("lastSequence", envelope.aggregateSequence()), TargetAccess.class);
        } catch (DuplicateKeyException newerKept) {
            // The document holds a later event of the target.
        }
    }
}
