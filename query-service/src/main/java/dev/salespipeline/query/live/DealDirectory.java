package dev.salespipeline.query.live;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.LinkedHashMap;
import java.util.Map;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.salespipeline.query.deal.projection.DealCard;

/**
 * Which pipeline each deal is in, and who owns it, as far as live changes need to know: to put a deal's
 * events on its pipeline's channel and to show them only to callers who may see the deal. Learnt from
 * the events the broadcast consumer reads; a deal it has not seen an event of (opened before this
 * instance started) is looked up in the deal cards once and remembered. The most recently used deals
 * are kept, up to a configurable number.
 */
@Component
class DealDirectory {

    /** What is known of a deal; any part may be null. */
    record DealFacts(String pipelineId, String ownerId, String teamId) {

        static final DealFacts UNKNOWN = new DealFacts(null, null, null);

        DealFacts inPipeline(String pipeline) {
            return new DealFacts(pipeline, ownerId, teamId);
        }

        DealFacts ownedBy(String owner, String team) {
            return new DealFacts(pipelineId, owner, team);
        }
    }

    private final MongoTemplate mongo;
    private final Map<String, DealFacts> deals;

    DealDirectory(MongoTemplate mongo, LiveProperties properties) {
        int capacity = properties.knownDeals();
        this.mongo = mongo;
        this.deals = new LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, DealFacts> eldest) {
                return size() > capacity;
            }
        };
    }

    /** What is known of the deal, from its events or else its card; {@link DealFacts#UNKNOWN} if neither. */
    DealFacts facts(String dealId) {
        synchronized (deals) {
            DealFacts known = deals.get(dealId);
            if (known != null) {
                return known;
            }
        }
        Query query = Query.query(where("_id").is(dealId));
        query.fields().include("pipelineId", "ownerId", "teamId");
        Document card = mongo.findOne(query, Document.class, DealCard.COLLECTION);
        if (card == null) {
            // Not projected yet, perhaps: not remembered, so that a later change asks again.
            return DealFacts.UNKNOWN;
        }
        DealFacts facts = new DealFacts(card.getString("pipelineId"), card.getString("ownerId"),
                card.getString("teamId"));
        synchronized (deals) {
            return deals.merge(dealId, facts, (newer, fromCard) -> newer);
        }
    }

    void learn(String dealId, DealFacts facts) {
        synchronized (deals) {
            deals.put(dealId, facts);
        }
    }

    void forget(String dealId) {
        synchronized (deals) {
            deals.remove(dealId);
        }
    }
}
