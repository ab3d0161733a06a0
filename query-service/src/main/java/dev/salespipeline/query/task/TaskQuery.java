package dev.salespipeline.query.task;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.salespipeline.query.access.Visibility;
import dev.salespipeline.query.task.projection.Task;
import dev.salespipeline.security.Actor;

/**
 * Open tasks by when they are due. Tasks are the deal's: who may see one follows who may see the deal
 * ({@link Visibility#deal}, whose filter applies as it is, a task keeping its deal's owner and team).
 */
@Component
public class TaskQuery {

    private final MongoTemplate mongo;
    private final Clock clock;
    private final ZoneId companyZone;

    TaskQuery(MongoTemplate mongo, Clock clock, @Value("${pipeline.company.time-zone:UTC}") String zone) {
        this.mongo = mongo;
        this.clock = clock;
        this.companyZone = ZoneId.of(zone);
    }

    /**
     * The open tasks {@code actor} may see, of one owner and one pipeline when those are not null.
     *
     * @param days how many days from tomorrow the upcoming list covers
     * @param size at most this many tasks in each list
     */
    public TaskLists find(String ownerId, String pipelineId, int days, int size, Actor actor) {
        List<Criteria> filters = new ArrayList<>();
        filters.add(where("status").is(Task.OPEN));
        if (ownerId != null) {
            filters.add(where("ownerId").is(ownerId));
        }
        if (pipelineId != null) {
            filters.add(where("pipelineId").is(pipelineId));
        }
        Visibility.dealFilter(actor).ifPresent(filters::add);

        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, companyZone);
        Instant tomorrow = today.plusDays(1).atStartOfDay(companyZone).toInstant();
        Instant upcomingEnd = today.plusDays(1L + days).atStartOfDay(companyZone).toInstant();
        return new TaskLists(due(filters, now, tomorrow, size), due(filters, null, now, size),
                due(filters, tomorrow, upcomingEnd, size));
    }

    /** Tasks due from {@code from} (inclusive, null for no bound) until {@code until} (exclusive). */
    private List<TaskLists.Item> due(List<Criteria> filters, Instant from, Instant until, int size) {
        List<Criteria> all = new ArrayList<>(filters);
        Criteria dueAt = where("dueAt").lt(until);
        if (from != null) {
            dueAt.gte(from);
        }
        all.add(dueAt);
        Query query = Query.query(new Criteria().andOperator(all))
                .with(Sort.by(Sort.Order.asc("dueAt"), Sort.Order.asc("_id")))
                .limit(size);
        query.fields().include("taskId", "title", "dueAt", "dealId", "dealTitle", "pipelineId", "ownerId",
                "rescheduledCount", "lastSequence");
        return mongo.find(query, Task.class).stream()
                .map(task -> new TaskLists.Item(task.taskId(), task.title(), task.dueAt(), task.dealId(),
                        task.dealTitle(), task.pipelineId(), task.ownerId(), task.rescheduledCount()))
                .toList();
    }
}
