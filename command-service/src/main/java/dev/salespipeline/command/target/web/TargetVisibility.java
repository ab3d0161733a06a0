package dev.salespipeline.command.target.web;

import dev.salespipeline.api.target.SubjectType;
import dev.salespipeline.command.target.table.CurrentTarget;
import dev.salespipeline.security.Actor;
import dev.salespipeline.security.Role;

/**
 * Which targets a caller sees: admins and viewers all, a manager those of their team (the team's own
 * and its owners'), a rep their own.
 */
final class TargetVisibility {

    private TargetVisibility() {
    }

    static boolean maySee(Actor actor, CurrentTarget target) {
        return actor.has(Role.ADMIN) || actor.has(Role.VIEWER)
                || (actor.has(Role.MANAGER) && actor.isInTeam(target.teamId()))
                || (actor.has(Role.REP) && target.subjectType() == SubjectType.OWNER
                        && actor.id().equals(target.subjectId()));
    }
}
