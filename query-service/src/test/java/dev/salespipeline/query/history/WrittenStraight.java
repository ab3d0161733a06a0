package dev.salespipeline.query.history;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.regex.Pattern;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Removes what a test projected straight, not from the topic, so that a rebuild (which replays only the topic)
 * finds the read models it makes itself: every document whose id, deal, pipeline or owner contains the test's run.
 */
final class WrittenStraight {

    private WrittenStraight() {
    }

    static void remove(MongoTemplate mongo, String run) {
        String pattern = Pattern.quote(run);
        Criteria ofRun = new Criteria().orOperator(where("_id").regex(pattern), where("dealId").regex(pattern),
                where("pipelineId").regex(pattern), where("ownerId").regex(pattern));
        for (String collection : mongo.getCollectionNames()) {
            if (!collection.startsWith("system.")) {
                mongo.remove(Query.query(ofRun), collection);
            }
        }
    }
}
