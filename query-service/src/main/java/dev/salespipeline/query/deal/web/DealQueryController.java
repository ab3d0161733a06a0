package dev.salespipeline.query.deal.web;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.salespipeline.query.access.Visibility;
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

    private final MongoTemplate mongo;

    DealQueryController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping("/deals/{dealId}")
    @Operation(summary = "A deal's card")
    DealCard deal(@PathVariable String dealId, @Parameter(hidden = true) Actor actor) {
        DealCard card = mongo.findById(dealId, DealCard.class);
        // A deal the caller may not see is answered like a missing one, so its existence does not leak.
        if (card == null || !Visibility.deal(actor, card.ownerId(), card.teamId())) {
            throw new NotFoundException("No deal " + dealId);
        }
        return card;
    }

    @GetMapping("/pipelines/{pipelineId}/deals")
    @Operation(summary = "Deals of a pipeline that the caller may see, newest first")
    List<DealCard> dealsOfPipeline(@PathVariable String pipelineId,
                                   @Parameter(hidden = true) Actor actor,
                                   @RequestParam(defaultValue = "0") @Min(0) int page,
                                   @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        Query query = Query.query(where("pipelineId").is(pipelineId));
        Visibility.dealFilter(actor).ifPresent(query::addCriteria);
        query.with(Sort.by(Sort.Direction.DESC, "openedAt"))
                .skip((long) page * size)
                .limit(size);
        return mongo.find(query, DealCard.class);
    }
}
