package dev.salespipeline.query.task.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.salespipeline.query.access.Visibility;
import dev.salespipeline.query.task.TaskLists;
import dev.salespipeline.query.task.TaskQuery;
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

    private final TaskQuery tasks;

    TaskQueryController(TaskQuery tasks) {
        this.tasks = tasks;
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
        return tasks.find(ownerId, pipelineId, days, size, actor);
    }
}
