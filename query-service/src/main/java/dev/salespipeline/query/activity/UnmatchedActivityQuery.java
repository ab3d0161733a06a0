package dev.salespipeline.query.activity;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.salespipeline.query.access.Visibility;
import dev.salespipeline.query.activity.projection.UnmatchedActivity;
import dev.salespipeline.security.Actor;

/** Calls and emails that came in without a deal, of the owners a caller may see ({@link Visibility}). */
@Component
public class UnmatchedActivityQuery {

    private final MongoTemplate mongo;
    private final Visibility visibility;

    UnmatchedActivityQuery(MongoTemplate mongo, Visibility visibility) {
        this.mongo = mongo;
        this.visibility = visibility;
    }

    /** One page, newest first. */
    public List<UnmatchedActivity> find(FindUnmatchedActivities request, Actor actor) {
        Query query = received();
        if (!request.includeAttached()) {
            query.addCriteria(where("attachedTo").is(null));
        }
        if (request.ownerId() != null) {
            query.addCriteria(where("ownerId").is(request.ownerId()));
        }
        if (request.sourceSystem() != null) {
            query.addCriteria(where("sourceSystem").is(request.sourceSystem()));
        }
        if (request.kind() != null) {
            query.addCriteria(where("kind").is(request.kind()));
        }
        if (request.from() != null || request.to() != null) {
            Criteria occurredAt = where("occurredAt");
            if (request.from() != null) {
                occurredAt.gte(request.from());
            }
            if (request.to() != null) {
                occurredAt.lt(request.to());
            }
            query.addCriteria(occurredAt);
        }
        visibility.ownerFilter(actor, "ownerId").ifPresent(query::addCriteria);
        // The id breaks ties, so that pages do not overlap when several activities share a time.
        query.with(Sort.by(Sort.Order.desc("occurredAt"), Sort.Order.desc("_id")))
                .skip((long) request.page() * request.size())
                .limit(request.size());
        return mongo.find(query, UnmatchedActivity.class);
    }

    /** The activity, or empty when there is none or {@code actor} may not see it. */
    public Optional<UnmatchedActivity> find(String activityId, Actor actor) {
        UnmatchedActivity activity = mongo.findOne(received().addCriteria(where("_id").is(activityId)),
                UnmatchedActivity.class);
        if (activity == null || !visibility.mayReadOwnerRow(actor, activity.ownerId())) {
            return Optional.empty();
        }
        return Optional.of(activity);
    }

    /**
     * Activities whose report has been applied. An attachment kept before its activity's report has no
     * {@code receivedAt}, nothing else yet, and is not shown.
     */
    private static Query received() {
        return Query.query(where("receivedAt").exists(true));
    }
}
