package dev.salespipeline.command.activity.command;

import dev.salespipeline.command.activity.directory.DirectoryEntry;
import dev.salespipeline.command.deal.command.Caller;

/**
 * Who may record and attach reported activities:
 * <ul>
 * <li>integrations (telephony and email systems) and admins report them;</li>
 * <li>attaching one to a deal takes the right to change that deal: an admin, a manager of the deal's
 * team, or the rep who owns it.</li>
 * </ul>
 */
final class ActivityAccessPolicy {

    private ActivityAccessPolicy() {
    }

    static void checkMayReport(Caller caller) {
        if (caller.has(Caller.INTEGRATION) || caller.has(Caller.ADMIN)) {
            return;
        }
        throw new ActivityAccessDeniedException(caller.id() + " may not report activities");
    }

    static void checkMayAttach(Caller caller, String activityId, DirectoryEntry deal) {
        if (caller.has(Caller.ADMIN)) {
            return;
        }
        if (caller.has(Caller.MANAGER) && caller.team() != null && caller.team().equals(deal.teamId())) {
            return;
        }
        if (caller.has(Caller.REP) && caller.id().equals(deal.ownerId())) {
            return;
        }
        throw new ActivityAccessDeniedException(caller.id() + " may not attach activity " + activityId + " to deal "
                + deal.dealId() + ", owned by " + deal.ownerId());
    }
}
