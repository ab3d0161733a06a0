package dev.salespipeline.query.alert;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.ArrayList;
import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.salespipeline.query.access.Visibility;
import dev.salespipeline.query.alert.projection.StalledDealAlertView;
import dev.salespipeline.security.Actor;

/** Stalled-deal alerts of the deals a caller may see ({@link Visibility#dealFilter}), longest stalled first. */
@Component
public class StalledDealAlertQuery {

    private final MongoTemplate mongo;

    StalledDealAlertQuery(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public List<StalledDealAlertView> find(FindStalledDealAlerts request, Actor actor) {
        List<Criteria> filters = new ArrayList<>();
        filters.add(where("status").is(request.status().name()));
        if (request.pipelineId() != null) {
            filters.add(where("pipelineId").is(request.pipelineId()));
        }
        if (request.ownerId() != null) {
            filters.add(where("ownerId").is(request.ownerId()));
        }
        if (request.reason() != null) {
            filters.add(where("reason").is(request.reason().name()));
        }
        // One list joined by $and: the caller's filter may name ownerId too.
        Visibility.dealFilter(actor).ifPresent(filters::add);
        Query query = Query.query(new Criteria().andOperator(filters));
        // The deal id breaks ties, so that pages do not overlap when several deals stalled at the same time.
        query.with(Sort.by(Sort.Order.asc("since"), Sort.Order.asc("_id")))
                .skip((long) request.page() * request.size())
                .limit(request.size());
        return mongo.find(query, StalledDealAlertView.class);
    }
}
