package dev.salespipeline.query.task.web;

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
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.salespipeline.query.access.Visibility;
import dev.salespipeline.query.task.projection.Task;
import dev.salespipeline.security.Actor;
import dev.salespipeline.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@Tag(name = "Tasks", description = "Open tasks by when they are due")
class TaskQueryController {

    private final MongoTemplate mongo;
    private final Clock clock;
    private final ZoneId companyZone;

    TaskQueryController(MongoTemplate mongo, Clock clock, @Value("${pipeline.company.time-zone:UTC}") String zone) {
        this.mongo = mongo;
        this.clock = clock;
        this.companyZone = ZoneId.of(zone);
    }

    /**
     * Tasks are the deal's: who may see one follows who may see the deal ({@link Visibility#deal}, whose
     * filter applies as it is, a task keeping its deal's owner and team). A rep sees only their own and
     * is refused another owner's list rather than given an empty one.
     */
    @GetMapping("/tasks")
    @Operation(summary = "Open tasks due today, overdue and upcoming, of the caller or, for managers, "
            + "their team, or everyone's for admins and viewers")
    TaskLists tasks(@Parameter(hidden = true) Actor actor,
                    @Parameter(description = "Only this owner's tasks; a rep's own by default")
                    @RequestParam(required = false) String ownerId,
                    @Parameter(description = "Only tasks of deals in this pipeline") @RequestParam(required = false)
                    String pipelineId,
                    @Parameter(description = "How many days from tomorrow the upcoming list covers")
                    @RequestParam(defaultValue = "14") @Min(1) @Max(90) int days,
                    @Parameter(description = "At most this many tasks in each list")
                    @RequestParam(defaultValue = "200") @Min(1) @Max(500) int size) {
        boolean seesOthers = actor.has(Role.ADMIN) || actor.has(Role.VIEWER) || actor.has(Role.MANAGER);
        if (!seesOthers) {
            if (ownerId == null) {
                ownerId = actor.id();
            } else if (!ownerId.equals(actor.id())) {
                throw new ResponseStatusException(HttpStatus.FORBIDDEN, "A rep sees their own tasks only");
            }
        }
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
