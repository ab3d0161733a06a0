package dev.salespipeline.query.timeline.web;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.salespipeline.api.deal.DealEvent;
import dev.salespipeline.api.envelope.EventTypes;
import dev.salespipeline.query.access.Visibility;
import dev.salespipeline.query.timeline.projection.TimelineEntry;
import dev.salespipeline.query.web.InvalidRequestException;
import dev.salespipeline.query.web.NotFoundException;
import dev.salespipeline.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@Tag(name = "Deal history", description = "Every change of a deal, and the board at any past moment")
class TimelineController {

    /** The names of the event types a timeline holds. */
    private static final Set<String> DEAL_EVENT_TYPES = EventTypes.all().entrySet().stream()
            .filter(type -> DealEvent.class.isAssignableFrom(type.getValue().payloadType()))
            .map(Map.Entry::getKey)
            .collect(Collectors.toUnmodifiableSet());

    private final MongoTemplate mongo;
    private final Visibility visibility;

    TimelineController(MongoTemplate mongo, Visibility visibility) {
        this.mongo = mongo;
        this.visibility = visibility;
    }

    @GetMapping("/deals/{dealId}/timeline")
    @Operation(summary = "Everything that happened to a deal, newest first")
    TimelinePage timeline(
            @PathVariable String dealId,
            @Parameter(hidden = true) Actor actor,
            @Parameter(description = "Only events of these types, comma-separated (DealMovedToStage,CallLogged)")
            @RequestParam(required = false) List<String> types,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        // A deal the caller may not see is answered like a missing one, so its existence does not leak.
        if (!visibility.mayReadDeal(actor, dealId)) {
            throw new NotFoundException("No deal " + dealId);
        }
        Query query = Query.query(where("dealId").is(dealId));
        List<String> wanted = types == null ? List.of()
                : types.stream().map(String::strip).filter(type -> !type.isEmpty()).toList();
        if (!wanted.isEmpty()) {
            List<String> unknown = wanted.stream().filter(type -> !DEAL_EVENT_TYPES.contains(type)).toList();
            if (!unknown.isEmpty()) {
                throw new InvalidRequestException("not deal event types: " + String.join(", ", unknown));
            }
            query.addCriteria(where("type").in(wanted));
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
