package dev.salespipeline.query.deal;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.salespipeline.query.access.Visibility;
import dev.salespipeline.query.deal.projection.DealCard;
import dev.salespipeline.security.Actor;

/** Deal cards, of the deals a caller may see ({@link Visibility#deal}). */
@Component
public class DealCardQuery {

    private final MongoTemplate mongo;

    DealCardQuery(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The deal's card, or empty when there is none or {@code actor} may not see it. */
    public Optional<DealCard> find(String dealId, Actor actor) {
        DealCard card = mongo.findById(dealId, DealCard.class);
        if (card == null || !Visibility.deal(actor, card.ownerId(), card.teamId())) {
            return Optional.empty();
        }
        return Optional.of(card);
    }

    /** One page of the pipeline's deals, newest first. */
    public List<DealCard> ofPipeline(String pipelineId, int page, int size, Actor actor) {
        Query query = Query.query(where("pipelineId").is(pipelineId));
        Visibility.dealFilter(actor).ifPresent(query::addCriteria);
        query.with(Sort.by(Sort.Direction.DESC, "openedAt"))
                .skip((long) page * size)
                .limit(size);
        return mongo.find(query, DealCard.class);
    }
}
