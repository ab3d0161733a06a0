package dev.salespipeline.query.alert.web;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.ArrayList;
import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.salespipeline.api.alerts.AlertStatus;
import dev.salespipeline.api.alerts.StallReason;
import dev.salespipeline.query.access.Visibility;
import dev.salespipeline.query.alert.projection.StalledDealAlertView;
import dev.salespipeline.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@Tag(name = "Alerts", description = "Alerts raised by streams-analytics")
class AlertQueryController {

    private final MongoTemplate mongo;

    AlertQueryController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping("/alerts/stalled-deals")
    @Operation(summary = "Stalled-deal alerts of the deals the caller may see, longest stalled first",
            description = "By default the deals stalled now (RAISED); status=CLEARED lists the deals whose latest "
                    + "alert was cleared. A deal has one alert at a time: the latest one streams-analytics "
                    + "published for it.")
    List<StalledDealAlertView> stalledDeals(
            @Parameter(hidden = true) Actor actor,
            @Parameter(description = "Only deals of this pipeline") @RequestParam(required = false) String pipelineId,
            @Parameter(description = "Only deals of this owner") @RequestParam(required = false) String ownerId,
            @Parameter(description = "Only alerts of this limit") @RequestParam(required = false) StallReason reason,
            @Parameter(description = "Raised (stalled now) or cleared") @RequestParam(defaultValue = "RAISED")
            AlertStatus status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        List<Criteria> filters = new ArrayList<>();
        filters.add(where("status").is(status.name()));
        if (pipelineId != null) {
            filters.add(where("pipelineId").is(pipelineId));
        }
        if (ownerId != null) {
            filters.add(where("ownerId").is(ownerId));
        }
        if (reason != null) {
            filters.add(where("reason").is(reason.name()));
        }
        // One list joined by $and: the caller's filter may name ownerId too.
        Visibility.dealFilter(actor).ifPresent(filters::add);
        Query query = Query.query(new Criteria().andOperator(filters));
        // The deal id breaks ties, so that pages do not overlap when several deals stalled at the same time.
        query.with(Sort.by(Sort.Order.asc("since"), Sort.Order.asc("_id")))
                .skip((long) page * size)
                .limit(size);
        return mongo.find(query, StalledDealAlertView.class);
    }
}
