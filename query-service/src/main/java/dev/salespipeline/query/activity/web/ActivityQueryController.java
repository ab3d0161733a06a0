package dev.salespipeline.query.activity.web;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.salespipeline.api.activity.ActivityKind;
import dev.salespipeline.query.access.Visibility;
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

    private final MongoTemplate mongo;
    private final Visibility visibility;

    ActivityQueryController(MongoTemplate mongo, Visibility visibility) {
        this.mongo = mongo;
        this.visibility = visibility;
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
        Query query = received();
        if (!includeAttached) {
            query.addCriteria(where("attachedTo").is(null));
        }
        if (ownerId != null) {
            query.addCriteria(where("ownerId").is(ownerId));
        }
        if (sourceSystem != null) {
            query.addCriteria(where("sourceSystem").is(sourceSystem));
        }
        if (kind != null) {
            query.addCriteria(where("kind").is(kind));
        }
        if (from != null || to != null) {
            Criteria occurredAt = where("occurredAt");
            if (from != null) {
                occurredAt.gte(from);
            }
            if (to != null) {
                occurredAt.lt(to);
            }
            query.addCriteria(occurredAt);
        }
        visibility.ownerFilter(actor, "ownerId").ifPresent(query::addCriteria);
        // The id breaks ties, so that pages do not overlap when several activities share a time.
        query.with(Sort.by(Sort.Order.desc("occurredAt"), Sort.Order.desc("_id")))
                .skip((long) page * size)
                .limit(size);
        return mongo.find(query, UnmatchedActivity.class);
    }

    @GetMapping("/activities/{activityId}")
    @Operation(summary = "A call or email that came in without a deal, attached to one since or not")
    UnmatchedActivity activity(@PathVariable String activityId, @Parameter(hidden = true) Actor actor) {
        UnmatchedActivity activity = mongo.findOne(received().addCriteria(where("_id").is(activityId)),
                UnmatchedActivity.class);
        // An activity the caller may not see is answered like a missing one, so its existence does not leak.
        if (activity == null || !visibility.mayReadOwnerRow(actor, activity.ownerId())) {
            throw new NotFoundException("No unmatched activity " + activityId);
        }
        return activity;
    }

    /**
     * Activities whose report has been applied. An attachment kept before its activity's report has no
     * {@code receivedAt}, nothing else yet, and is not shown.
     */
    private static Query received() {
        return Query.query(where("receivedAt").exists(true));
    }
}
