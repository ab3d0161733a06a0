package dev.salespipeline.query.activity.web;

import java.time.Instant;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.salespipeline.api.activity.ActivityKind;
import dev.salespipeline.query.activity.FindUnmatchedActivities;
import dev.salespipeline.query.activity.UnmatchedActivityQuery;
import dev.salespipeline.query.activity.projection.UnmatchedActivity;
import dev.salespipeline.query.web.InvalidRequestException;
import dev.salespipeline.query.web.NotFoundException;
import dev.salespipeline.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@Tag(name = "Activities", description = "Calls and emails that came in without a deal")
class ActivityQueryController {

    private final UnmatchedActivityQuery activities;

    ActivityQueryController(UnmatchedActivityQuery activities) {
        this.activities = activities;
    }

    @GetMapping("/activities/unmatched")
    @Operation(summary = "Calls and emails without a deal that the caller may see, newest first")
    List<UnmatchedActivity> unmatched(
            @Parameter(hidden = true) Actor actor,
            @Parameter(description = "Only those of this rep") @RequestParam(required = false) String ownerId,
            @Parameter(description = "Only those reported by this system") @RequestParam(required = false)
            String sourceSystem,
            @Parameter(description = "Only calls or only emails") @RequestParam(required = false) ActivityKind kind,
            @Parameter(description = "Occurred at or after this instant (ISO-8601)") @RequestParam(required = false)
            Instant from,
            @Parameter(description = "Occurred before this instant (ISO-8601)") @RequestParam(required = false)
            Instant to,
            @Parameter(description = "Also those attached to a deal since") @RequestParam(defaultValue = "false")
            boolean includeAttached,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidRequestException("from (" + from + ") is after to (" + to + ")");
        }
        return activities.find(new FindUnmatchedActivities(ownerId, sourceSystem, kind, from, to, includeAttached,
                page, size), actor);
    }

    @GetMapping("/activities/{activityId}")
    @Operation(summary = "A call or email that came in without a deal, attached to one since or not")
    UnmatchedActivity activity(@PathVariable String activityId, @Parameter(hidden = true) Actor actor) {
        // An activity the caller may not see is answered like a missing one, so its existence does not leak.
        return activities.find(activityId, actor)
                .orElseThrow(() -> new NotFoundException("No unmatched activity " + activityId));
    }
}
