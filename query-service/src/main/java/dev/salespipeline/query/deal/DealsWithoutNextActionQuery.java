package dev.salespipeline.query.deal;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.salespipeline.query.access.Visibility;
import dev.salespipeline.query.deal.projection.DealCard;
import dev.salespipeline.query.pipeline.projection.PipelineView;
import dev.salespipeline.security.Actor;

/**
 * Open deals of a pipeline without an open task, of those a caller may see ({@link Visibility#dealFilter}),
 * most recently changed first.
 */
@Component
public class DealsWithoutNextActionQuery {

    private final MongoTemplate mongo;

    DealsWithoutNextActionQuery(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** One page of the deals, or empty when there is no such pipeline. */
    public Optional<List<DealCard>> find(String pipelineId, String ownerId, int page, int size, Actor actor) {
        if (!mongo.exists(Query.query(where("_id").is(pipelineId)), PipelineView.class)) {
            return Optional.empty();
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
        return Optional.of(mongo.find(query, DealCard.class));
    }
}
