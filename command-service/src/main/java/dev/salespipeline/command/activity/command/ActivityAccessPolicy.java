package dev.salespipeline.command.activity.command;

import dev.salespipeline.command.activity.directory.DealDirectory;
import dev.salespipeline.command.activity.directory.DirectoryEntry;
import dev.salespipeline.command.deal.command.Caller;
import dev.salespipeline.command.deal.command.DealAccessPolicy;
import dev.salespipeline.command.rules.NotVisible;

/**
 * Who may record and attach reported activities:
 * <ul>
 * <li>integrations (telephony and email systems) and admins report them;</li>
 * <li>attaching one to a deal takes the right to see the activity and the right to change that deal (an
 * admin, a manager of the deal's team, or the rep who owns it).</li>
 * </ul>
 * An activity reported with an owner is seen by that owner, by the managers of the owner's team and by admins;
 * one reported without an owner by everyone who may change a deal, who decide where it belongs. Tokens carry
 * only the caller's team, so an owner counts as in a manager's team when they own a deal in it
 * ({@link DealDirectory#ownsDealsIn}). A caller who may not see the activity is answered as if it did not
 * exist; a deal they may not see, as a deal that does not exist.
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

    /** @throws NotVisible if the caller may not see an activity reported for {@code ownerId} (null: nobody) */
    static void checkMaySee(Caller caller, String activityId, String ownerId, DealDirectory deals) {
        if (caller.has(Caller.ADMIN) || ownerId == null || caller.id().equals(ownerId)) {
            return;
        }
        if (caller.has(Caller.MANAGER) && deals.ownsDealsIn(ownerId, caller.team())) {
            return;
        }
        throw new NotVisible(activityId);
    }

    static boolean maySeeDeal(Caller caller, DirectoryEntry deal) {
        return DealAccessPolicy.maySee(caller, deal.ownerId(), deal.teamId());
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
