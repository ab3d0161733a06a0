package dev.salespipeline.query.deal.web;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.ArrayList;
import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.salespipeline.query.access.Visibility;
import dev.salespipeline.query.deal.projection.DealCard;
import dev.salespipeline.query.pipeline.projection.PipelineView;
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

    private final MongoTemplate mongo;

    DealsWithoutNextActionController(MongoTemplate mongo) {
        this.mongo = mongo;
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
        if (!mongo.exists(Query.query(where("_id").is(pipelineId)), PipelineView.class)) {
            throw new NotFoundException("No pipeline " + pipelineId);
        }
        List<Criteria> filters = new ArrayList<>();
        filters.add(where("pipelineId").is(pipelineId));
        filters.add(where("status").is(DealCard.OPEN));
        // Null or missing: no open task.
        filters.add(where("nextAction.taskId").is(null));
        if (ownerId != null) {
            filters.add(where("ownerId").is(ownerId));
        }
        Visibility.dealFilter(actor).ifPresent(filters::add);
        Query query = Query.query(new Criteria().andOperator(filters))
                .with(Sort.by(Sort.Order.desc("updatedAt"), Sort.Order.desc("_id")))
                .skip((long) page * size)
                .limit(size);
        return mongo.find(query, DealCard.class);
    }
}
