package dev.salespipeline.query.timeline;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.salespipeline.query.timeline.projection.TimelineEntry;

/**
 * A deal's timeline, newest first, with the names of its pipelines and stages as they are now. Whether the
 * caller may see the deal is checked before.
 */
@Component
public class TimelineQuery {

    private final MongoTemplate mongo;

    TimelineQuery(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** One page of the deal's events, of the given types, or of every type when {@code types} is empty. */
    public TimelinePage find(String dealId, List<String> types, int page, int size) {
        Query query = Query.query(where("dealId").is(dealId));
        if (!types.isEmpty()) {
            query.addCriteria(where("type").in(types));
        }
        long total = mongo.count(query, TimelineEntry.class);
        // The sequence breaks ties, so that events of one instant keep their order and pages do not overlap.
        query.with(Sort.by(Sort.Order.desc("occurredAt"), Sort.Order.desc("sequence")))
                .skip((long) page * size)
                .limit(size);
        StageNames names = new StageNames(mongo);
        List<TimelinePage.Entry> entries = mongo.find(query, TimelineEntry.class).stream()
                .map(entry -> view(entry, names))
                .toList();
        return new TimelinePage(dealId, entries, page, size, total);
    }

    private static TimelinePage.Entry view(TimelineEntry entry, StageNames names) {
        List<TimelinePage.Change> changes = entry.changes().stream().map(change -> {
            if (TimelineEntry.STAGE.equals(change.field())) {
                String fromPipeline = entry.previousPipelineId() != null ? entry.previousPipelineId()
                        : entry.pipelineId();
                return new TimelinePage.Change(change.field(), change.from(), change.to(),
                        names.stage(fromPipeline, change.from()), names.stage(entry.pipelineId(), change.to()));
            }
            if ("pipeline".equals(change.field())) {
                return new TimelinePage.Change(change.field(), change.from(), change.to(),
                        names.pipeline(change.from()), names.pipeline(change.to()));
            }
            return new TimelinePage.Change(change.field(), change.from(), change.to(), null, null);
        }).toList();
        return new TimelinePage.Entry(entry.sequence(), entry.type(), entry.occurredAt(), entry.recordedAt(),
                entry.actor(), entry.source(), entry.correlationId(), TimelineSummaries.of(entry, names),
                entry.pipelineId(), entry.stageId(), names.stage(entry.pipelineId(), entry.stageId()), changes,
                entry.activity(), entry.note());
    }
}
