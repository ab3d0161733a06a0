package dev.salespipeline.query.history.web;

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
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.salespipeline.query.access.DealAccess;
import dev.salespipeline.query.history.projection.DealVersion;
import dev.salespipeline.security.Actor;

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

    /**
     * Those of the deals that the caller's lists show, by who the deals belong to now (the rights move
     * with a deal), as in the pipeline's deal list.
     */
    Set<String> listedFor(Actor actor, Collection<String> dealIds) {
        if (DealAccess.seesEverything(actor)) {
            return Set.copyOf(dealIds);
        }
        return mongo.find(Query.query(where("_id").in(dealIds)), DealAccess.class).stream()
                .filter(access -> access.listedFor(actor))
                .map(DealAccess::dealId)
                .collect(Collectors.toUnmodifiableSet());
    }
}
