package dev.salespipeline.query.history;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.replaceRoot;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.sort;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.salespipeline.query.history.projection.DealVersion;

/** Deals as they stood at past instants, from their {@link DealVersion}s. */
@Component
class DealVersionsAsOf {

    private final MongoTemplate mongo;

    DealVersionsAsOf(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The deals that were in the pipeline at some time up to {@code until}, whatever happened to them since. */
    List<String> dealsOf(String pipelineId, Instant until) {
        return mongo.findDistinct(Query.query(where("pipelineId").is(pipelineId).and("validFrom").lte(until)),
                "dealId", DealVersion.class, String.class);
    }

    /**
     * The deals that may have changed in the pipeline after {@code from} and up to {@code to}: those with a
     * version in it valid from an instant in between. A deal without one stood at {@code to} as at {@code from},
     * or was not in the pipeline at {@code to}.
     */
    List<String> changedIn(String pipelineId, Instant from, Instant to) {
        return mongo.findDistinct(Query.query(where("pipelineId").is(pipelineId).and("validFrom").gt(from).lte(to)),
                "dealId", DealVersion.class, String.class);
    }

    /**
     * Each of the deals as it stood at {@code at}, by deal id: its latest version valid from then or
     * earlier, in whichever pipeline it was. A deal not yet opened then is missing.
     */
    Map<String, DealVersion> asOf(Collection<String> dealIds, Instant at) {
        if (dealIds.isEmpty()) {
            return Map.of();
        }
        Aggregation latest = newAggregation(
                match(where("dealId").in(dealIds).and("validFrom").lte(at)),
                sort(Sort.by(Sort.Order.asc("dealId"), Sort.Order.desc("validFrom"), Sort.Order.desc("sequence"))),
                group("dealId").first(Aggregation.ROOT).as("version"),
                replaceRoot("version"));
        return mongo.aggregate(latest, DealVersion.COLLECTION, DealVersion.class).getMappedResults().stream()
                .collect(Collectors.toMap(DealVersion::dealId, Function.identity()));
    }

}
