package dev.salespipeline.command.spend.command;

import dev.salespipeline.command.deal.command.Caller;

/**
 * Who may see and who may set marketing spend. Spend is a money figure of a whole pipeline, not of a team or an
 * owner, so it is not cut by team:
 * <ul>
 * <li>admins and managers set, change and withdraw it (the service has no notion of a pipeline's own managers:
 * every manager works with every pipeline, as with its deals);</li>
 * <li>admins, viewers and managers see it;</li>
 * <li>reps neither set nor see it.</li>
 * </ul>
 */
public final class MarketingSpendAccessPolicy {

    private MarketingSpendAccessPolicy() {
    }

    public static boolean maySee(Caller caller) {
        return caller.has(Caller.ADMIN) || caller.has(Caller.VIEWER) || caller.has(Caller.MANAGER);
    }

    static void checkMayManage(Caller caller, String pipelineId) {
        if (caller.has(Caller.ADMIN) || caller.has(Caller.MANAGER)) {
            return;
        }
        throw new MarketingSpendAccessDeniedException(caller.id() + " may not set or change the marketing spend of "
                + "pipeline " + pipelineId + "; marketing spend is set by admins and managers");
    }
}
