package dev.salespipeline.command.target.command;

import dev.salespipeline.api.target.SubjectType;
import dev.salespipeline.command.deal.command.Caller;
import dev.salespipeline.command.rules.NotVisible;

/**
 * Who may see a sales target: admins and viewers every one, a manager those of their team, a rep their own
 * owner targets. A caller who may not see an existing target is answered as if it did not exist
 * ({@link NotVisible}), before its version or the right to change it is checked.
 *
 * <p>Who may set, change and withdraw which sales target:
 * <ul>
 * <li>an admin, any target;</li>
 * <li>a manager, the targets of their own team: the team's target, and the targets of owners in it;</li>
 * <li>nobody else (reps are measured against targets, they do not set them).</li>
 * </ul>
 * The service does not know which team an owner is in. An owner target therefore belongs to the team
 * named when it is set (a team target to the team itself), and a manager may set an owner target only
 * by naming their own team; a target set without a team is left to admins.
 */
public final class SalesTargetAccessPolicy {

    private SalesTargetAccessPolicy() {
    }

    public static boolean maySee(Caller caller, SubjectType subjectType, String subjectId, String teamId) {
        return caller.has(Caller.ADMIN) || caller.has(Caller.VIEWER)
                || (caller.has(Caller.MANAGER) && caller.team() != null && caller.team().equals(teamId))
                || (caller.has(Caller.REP) && subjectType == SubjectType.OWNER && caller.id().equals(subjectId));
    }

    /** @throws NotVisible if the caller may not see the target */
    static void checkMaySee(Caller caller, String targetId, SubjectType subjectType, String subjectId,
                            String teamId) {
        if (!maySee(caller, subjectType, subjectId, teamId)) {
            throw new NotVisible(targetId);
        }
    }

    /**
     * @param target describes the target for the refusal, e.g. {@code owner anna in pipeline sales}
     * @param teamId the team the target belongs to, or null
     */
    static void checkMayManage(Caller caller, String target, String teamId) {
        if (caller.has(Caller.ADMIN)) {
            return;
        }
        if (caller.has(Caller.MANAGER) && caller.team() != null && caller.team().equals(teamId)) {
            return;
        }
        throw new SalesTargetAccessDeniedException(caller.id() + " may not set or change the target of " + target
                + (teamId == null ? ", which names no team: only admins may" : " in team " + teamId)
                + (caller.has(Caller.MANAGER) ? "" : "; targets are set by admins and by the team's manager"));
    }
}
