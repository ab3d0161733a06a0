package dev.salespipeline.command.deal.command;

import java.util.Objects;

import dev.salespipeline.command.rules.NotVisible;

/**
 * Who may see a deal: an admin or a viewer any deal, a manager the deals of their team, a rep the deals they
 * own, always by the deal's current owner and team. A caller who may not see a deal is answered as if it did
 * not exist ({@link NotVisible}), before anything else about the deal is checked.
 *
 * <p>Who may open and change which deal:
 * <ul>
 * <li>an admin, any deal;</li>
 * <li>a manager, the deals of their own team (and may open deals for anyone in it);</li>
 * <li>a rep, the deals they own (and may open deals only for themselves, in their own team);</li>
 * <li>integrations (telephony and email systems) log calls and emails on any deal, and nothing else;</li>
 * <li>nobody else (viewers read).</li>
 * </ul>
 * A hand-over to another owner therefore moves a rep's rights with the deal.
 */
public final class DealAccessPolicy {

    private DealAccessPolicy() {
    }

    /** Whether the caller may see a deal that {@code ownerId} owns in {@code teamId}. */
    public static boolean maySee(Caller caller, String ownerId, String teamId) {
        return caller.has(Caller.ADMIN) || caller.has(Caller.VIEWER)
                || (caller.has(Caller.MANAGER) && caller.team() != null && caller.team().equals(teamId))
                || (caller.has(Caller.REP) && caller.id().equals(ownerId));
    }

    /** @throws NotVisible if the caller may not see the deal */
    static void checkMaySee(Caller caller, String dealId, String ownerId, String teamId) {
        if (!maySee(caller, ownerId, teamId)) {
            throw new NotVisible(dealId);
        }
    }

    static void checkMayOpen(Caller caller, String ownerId, String teamId) {
        if (caller.has(Caller.ADMIN)) {
            return;
        }
        if (caller.has(Caller.MANAGER) && caller.team() != null && caller.team().equals(teamId)) {
            return;
        }
        if (caller.has(Caller.REP) && caller.id().equals(ownerId) && Objects.equals(caller.team(), teamId)) {
            return;
        }
        throw new DealAccessDeniedException(caller.id() + " may not open a deal owned by " + ownerId
                + (teamId == null ? "" : " in team " + teamId));
    }

    /**
     * Whoever may change the deal may hand it to another owner in its team; moving it to another team
     * takes an admin.
     */
    static void checkMayHandOver(Caller caller, String dealId, String ownerId, String teamId, String newTeamId) {
        checkMayChange(caller, dealId, ownerId, teamId);
        if (!Objects.equals(teamId, newTeamId) && !caller.has(Caller.ADMIN)) {
            throw new DealAccessDeniedException(caller.id() + " may not move deal " + dealId + " to team " + newTeamId);
        }
    }

    static void checkMayLogActivity(Caller caller, String dealId, String ownerId, String teamId) {
        if (caller.has(Caller.INTEGRATION)) {
            return;
        }
        checkMayChange(caller, dealId, ownerId, teamId);
    }

    /**
     * @throws NotVisible                if the caller may not even see the deal
     * @throws DealAccessDeniedException if the caller sees it but may not change it
     */
    static void checkMayChange(Caller caller, String dealId, String ownerId, String teamId) {
        checkMaySee(caller, dealId, ownerId, teamId);
        if (caller.has(Caller.ADMIN)) {
            return;
        }
        if (caller.has(Caller.MANAGER) && caller.team() != null && caller.team().equals(teamId)) {
            return;
        }
        if (caller.has(Caller.REP) && caller.id().equals(ownerId)) {
            return;
        }
        throw new DealAccessDeniedException(caller.id() + " may not change deal " + dealId + ", owned by " + ownerId
                + (teamId == null ? "" : " in team " + teamId));
    }
}
