package dev.salespipeline.query.access;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;


/**
 * Who a deal belongs to now: its owner and team, which decide who may read it ({@link Visibility#deal}). Kept apart
 * from the deal card so that the history reads do not depend on the card's read model.
 * {@code lastSequence} is the aggregate sequence of the last event applied.
 */
@Document(DealAccess.COLLECTION)
public record DealAccess(@Id String dealId, String ownerId, String teamId, long lastSequence) {

    public static final String COLLECTION = "deal_access";
}
