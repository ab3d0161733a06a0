package dev.salespipeline.query.health;

import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * MongoDB is reachable when the read-model database answers a {@code ping}. (Spring Boot's own
 * indicator sends {@code hello}, which the embedded MongoDB-protocol server used locally does not
 * implement.)
 */
@Component("mongoHealthIndicator")
class MongoHealthIndicator implements HealthIndicator {

    private final MongoTemplate mongo;

    MongoHealthIndicator(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Health health() {
        try {
            Document answer = mongo.executeCommand(new Document("ping", 1));
            return Health.up().withDetail("database", mongo.getDb().getName())
                    .withDetail("ok", answer.get("ok")).build();
        } catch (RuntimeException e) {
            return Health.down(e).build();
        }
    }
}
