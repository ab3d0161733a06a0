package dev.salespipeline.query.workload.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.salespipeline.query.pipeline.projection.PipelineView;
import dev.salespipeline.query.web.NotFoundException;
import dev.salespipeline.query.workload.Workload;
import dev.salespipeline.query.workload.WorkloadQuery;
import dev.salespipeline.security.Actor;
import dev.salespipeline.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Manager workload, read by {@link WorkloadQuery}. A manager asking for another team is refused.
 */
@RestController
@Tag(name = "Workload", description = "Open deals per owner and stage")
class WorkloadController {

    private final WorkloadQuery query;

    WorkloadController(WorkloadQuery query) {
        this.query = query;
    }

    @GetMapping("/pipelines/{pipelineId}/workload")
    @Operation(summary = "Per owner: open deals by stage, open, weighted and average amounts, average won deal, "
            + "bottleneck stage")
    Workload workload(@PathVariable String pipelineId,
                      @Parameter(hidden = true) Actor actor,
                      @Parameter(description = "Only deals of this team") @RequestParam(required = false)
                      String teamId) {
        PipelineView pipeline = query.pipeline(pipelineId)
                .orElseThrow(() -> new NotFoundException("No pipeline " + pipelineId));
        boolean seesAll = actor.has(Role.ADMIN) || actor.has(Role.VIEWER);
        if (!seesAll && actor.has(Role.MANAGER) && teamId != null && !actor.isInTeam(teamId)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "A manager sees their own team's workload only");
        }
        return query.workload(pipeline, teamId, actor);
    }
}
