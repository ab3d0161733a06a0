package dev.salespipeline.query.deal.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.salespipeline.query.deal.DealCardQuery;
import dev.salespipeline.query.deal.projection.DealCard;
import dev.salespipeline.query.web.NotFoundException;
import dev.salespipeline.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@Tag(name = "Deals", description = "Deal cards")
class DealQueryController {

    private final DealCardQuery cards;

    DealQueryController(DealCardQuery cards) {
        this.cards = cards;
    }

    @GetMapping("/deals/{dealId}")
    @Operation(summary = "A deal's card")
    DealCard deal(@PathVariable String dealId, @Parameter(hidden = true) Actor actor) {
        // A deal the caller may not see is answered like a missing one, so its existence does not leak.
        return cards.find(dealId, actor).orElseThrow(() -> new NotFoundException("No deal " + dealId));
    }

    @GetMapping("/pipelines/{pipelineId}/deals")
    @Operation(summary = "Deals of a pipeline that the caller may see, newest first")
    List<DealCard> dealsOfPipeline(@PathVariable String pipelineId,
                                   @Parameter(hidden = true) Actor actor,
                                   @RequestParam(defaultValue = "0") @Min(0) int page,
                                   @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return cards.ofPipeline(pipelineId, page, size, actor);
    }
}
