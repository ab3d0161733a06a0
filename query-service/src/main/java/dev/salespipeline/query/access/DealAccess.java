package dev.salespipeline.query.access;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.salespipeline.security.Actor;
import dev.salespipeline.security.Role;

/**
 * Who a deal belongs to now: its owner and team, which decide who may read its history. Kept apart
 * from the deal card so that the history reads do not depend on the card's read model.
 * {@code lastSequence} is the aggregate sequence of the last event applied.
 */
@Document(DealAccess.COLLECTION)
public record DealAccess(@Id String dealId, String ownerId, String teamId, long lastSequence) {

    public static final String COLLECTION = "deal_access";

    /**
     * Whether the caller may read this one deal, by the rules of {@code GET /deals/{id}}: admins and
     * viewers every deal, a manager the deals of their team, a rep the deals they own.
     */
    public boolean readableBy(Actor actor) {
        if (seesEverything(actor)) {
            return true;
        }
        if (actor.has(Role.MANAGER) && actor.isInTeam(teamId)) {
            return true;
        }
        return actor.has(Role.REP) && actor.id().equals(ownerId);
    }

    /**
     * Whether the deal is listed to the caller, by the rules of {@code GET /pipelines/{id}/deals}: as
     * {@link #readableBy(Actor)}, and a manager's own deals outside their team too.
     */
    public boolean listedFor(Actor actor) {
        if (seesEverything(actor) || actor.id().equals(ownerId)) {
            return true;
        }
        return actor.has(Role.MANAGER) && actor.team() != null && actor.team().equals(teamId);
    }

    /** Whether the caller sees every deal, so that lists need not be filtered. */
    public static boolean seesEverything(Actor actor) {
        return actor.has(Role.ADMIN) || actor.has(Role.VIEWER);
    }
}
