package dev.salespipeline.query.metrics;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.salespipeline.query.access.Visibility;
import dev.salespipeline.query.metrics.projection.MetricDocuments;
import dev.salespipeline.security.Actor;

/**
 * The latest values of a metric, of the rows a caller may see ({@link Visibility#metricFilter}), each shown
 * as {@link Visibility#view} cuts it.
 */
@Component
public class MetricQuery {

    private final MongoTemplate mongo;
    private final Visibility visibility;

    MetricQuery(MongoTemplate mongo, Visibility visibility) {
        this.mongo = mongo;
        this.visibility = visibility;
    }

    public List<MetricValue> find(FindMetricValues request, Actor actor) {
        String metric = request.metric();
        Query query = Query.query(where(MetricDocuments.METRIC).is(metric));
        equal(query, MetricDocuments.PIPELINE_ID, request.pipelineId());
        equal(query, MetricDocuments.OWNER_ID, request.ownerId());
        equal(query, MetricDocuments.SOURCE_CHANNEL, request.sourceChannel());
        equal(query, MetricDocuments.PERIOD_TYPE, request.periodType() == null ? null : request.periodType().name());
        equal(query, MetricDocuments.PERIOD, request.period());
        visibility.metricFilter(actor, metric, MetricDocuments.KEY, MetricDocuments.OWNER_ID)
                .ifPresent(query::addCriteria);
        query.with(Sort.by(Sort.Order.asc("_id"))).skip((long) request.page() * request.size())
                .limit(request.size());
        return mongo.find(query, Document.class, MetricDocuments.COLLECTION).stream()
                .map(MetricQuery::view)
                .flatMap(value -> visibility.view(actor, value.metric(), value.key(), value.value())
                        .map(shown -> new MetricValue(value.metric(), value.key(), shown, value.updatedAt()))
                        .stream())
                .toList();
    }

    private static void equal(Query query, String field, String value) {
        if (value != null) {
            query.addCriteria(where(field).is(value));
        }
    }

    private static MetricValue view(Document document) {
        Date updatedAt = document.getDate(MetricDocuments.UPDATED_AT);
        return new MetricValue(document.getString(MetricDocuments.METRIC), document.getString(MetricDocuments.KEY),
                MetricDocuments.toJson(document.get(MetricDocuments.VALUE)),
                updatedAt == null ? null : updatedAt.toInstant());
    }
}
