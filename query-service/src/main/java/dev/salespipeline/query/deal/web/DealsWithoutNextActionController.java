package dev.salespipeline.query.deal.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.salespipeline.query.deal.DealsWithoutNextActionQuery;
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
class DealsWithoutNextActionController {

    private final DealsWithoutNextActionQuery deals;

    DealsWithoutNextActionController(DealsWithoutNextActionQuery deals) {
        this.deals = deals;
    }

    @GetMapping("/pipelines/{pipelineId}/deals/without-next-action")
    @Operation(summary = "Open deals of a pipeline without an open task, that the caller may see, "
            + "most recently changed first")
    List<DealCard> withoutNextAction(@PathVariable String pipelineId,
                                     @Parameter(hidden = true) Actor actor,
                                     @Parameter(description = "Only this owner's deals")
                                     @RequestParam(required = false) String ownerId,
                                     @RequestParam(defaultValue = "0") @Min(0) int page,
                                     @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return deals.find(pipelineId, ownerId, page, size, actor)
                .orElseThrow(() -> new NotFoundException("No pipeline " + pipelineId));
    }
}
