package dev.salespipeline.query.deal.web;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.Optional;

import org.springframework.data.mongodb.core.query.Criteria;

import dev.salespipeline.query.deal.projection.DealCard;
import dev.salespipeline.security.Actor;
import dev.salespipeline.security.Role;

/**
 * Which deals a caller may read, by the same rules the command side enforces for changes:
 * admins and viewers every deal, a manager the deals of their team, a rep the deals they own.
 */
public final class DealVisibility {

    private DealVisibility() {
    }

    public static boolean canSee(Actor actor, DealCard card) {
        return canSee(actor, card.ownerId(), card.teamId());
    }

    /** Whether the caller may see a deal owned by {@code ownerId} in team {@code teamId} (either may be null). */
    public static boolean canSee(Actor actor, String ownerId, String teamId) {
        if (actor.has(Role.ADMIN) || actor.has(Role.VIEWER)) {
            return true;
        }
        if (actor.has(Role.MANAGER) && actor.isInTeam(teamId)) {
            return true;
        }
        return actor.has(Role.REP) && actor.id().equals(ownerId);
    }

    /** The filter that restricts a query to the caller's deals, or empty for no restriction. */
    public static Optional<Criteria> filter(Actor actor) {
        if (actor.has(Role.ADMIN) || actor.has(Role.VIEWER)) {
            return Optional.empty();
        }
        Criteria own = where("ownerId").is(actor.id());
        if (actor.has(Role.MANAGER) && actor.team() != null) {
            return Optional.of(new Criteria().orOperator(where("teamId").is(actor.team()), own));
        }
        return Optional.of(own);
    }
}
