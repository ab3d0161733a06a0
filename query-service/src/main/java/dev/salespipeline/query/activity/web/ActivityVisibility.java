package dev.salespipeline.query.activity.web;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.Optional;

import org.springframework.data.mongodb.core.query.Criteria;

import dev.salespipeline.query.activity.projection.UnmatchedActivity;
import dev.salespipeline.security.Actor;
import dev.salespipeline.security.Role;

/**
 * Which unmatched activities a caller may read: admins, managers and viewers every one, a rep those
 * they own and those nobody owns yet, so that they can claim calls and emails from their own clients.
 *
 * <p>Managers see every one, not only their team's as with deals: an unmatched activity has no deal
 * and so no team, and its owner's team is not known on this side.
 */
final class ActivityVisibility {

    private ActivityVisibility() {
    }

    static boolean canSee(Actor actor, UnmatchedActivity activity) {
        if (actor.has(Role.ADMIN) || actor.has(Role.MANAGER) || actor.has(Role.VIEWER)) {
            return true;
        }
        return actor.has(Role.REP) && (activity.ownerId() == null || actor.id().equals(activity.ownerId()));
    }

    /** The filter that restricts a query to the caller's activities, or empty for no restriction. */
    static Optional<Criteria> filter(Actor actor) {
        if (actor.has(Role.ADMIN) || actor.has(Role.MANAGER) || actor.has(Role.VIEWER)) {
            return Optional.empty();
        }
        // Matches a missing owner as well as an explicit null.
        return Optional.of(new Criteria().orOperator(where("ownerId").is(actor.id()), where("ownerId").is(null)));
    }
}
