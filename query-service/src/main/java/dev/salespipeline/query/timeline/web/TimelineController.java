package dev.salespipeline.query.timeline.web;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.salespipeline.api.deal.DealEvent;
import dev.salespipeline.api.envelope.EventTypes;
import dev.salespipeline.query.access.Visibility;
import dev.salespipeline.query.timeline.TimelinePage;
import dev.salespipeline.query.timeline.TimelineQuery;
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

    private final TimelineQuery timeline;
    private final Visibility visibility;

    TimelineController(TimelineQuery timeline, Visibility visibility) {
        this.timeline = timeline;
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
        List<String> wanted = types == null ? List.of()
                : types.stream().map(String::strip).filter(type -> !type.isEmpty()).toList();
        List<String> unknown = wanted.stream().filter(type -> !DEAL_EVENT_TYPES.contains(type)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException("not deal event types: " + String.join(", ", unknown));
        }
        return timeline.find(dealId, wanted, page, size);
    }
}
