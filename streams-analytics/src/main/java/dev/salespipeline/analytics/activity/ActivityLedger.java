package dev.salespipeline.analytics.activity;

import java.time.Instant;
import java.util.Map;

import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.activity.ActivityKind;
import dev.salespipeline.api.deal.Direction;

/**
 * Everything known about one call or email id, from whichever of its events have arrived, in any order
 * (store {@code manager-activity-ids}). What the id counts for is a function of this alone, so the same facts
 * arriving again, or in another order, count the same, and the id counts once however many events name it.
 *
 * @param received        the report of an outside system, if the id is an ingested activity
 * @param attachedOwnerId the rep named when the activity was attached to a deal, null if it was not
 * @param logged          the call or email as logged on a deal
 * @param openedAt        the earliest time the client opened the email, null if not opened
 */
public record ActivityLedger(ActivityFact received, String attachedOwnerId, ActivityFact logged, Instant openedAt) {

    static final ActivityLedger EMPTY = new ActivityLedger(null, null, null, null);

    /** This ledger with the fact added; the first report and the first logging are kept. */
    ActivityLedger with(ActivityFact fact) {
        return switch (fact.source()) {
            case RECEIVED -> received != null ? this : new ActivityLedger(fact, attachedOwnerId, logged, openedAt);
            case ATTACHED -> fact.personId() == null || attachedOwnerId != null ? this
                    : new ActivityLedger(received, fact.personId(), logged, openedAt);
            case LOGGED -> logged != null ? this : new ActivityLedger(received, attachedOwnerId, fact, openedAt);
            case OPENED -> openedAt != null && !fact.occurredAt().isBefore(openedAt) ? this
                    : new ActivityLedger(received, attachedOwnerId, logged, fact.occurredAt());
        };
    }

    /**
     * Who the call or email counts for: the rep of an ingested activity (named when it was reported or, for one
     * reported without a rep, when it was attached), else the person who logged it on the deal. Null while no one:
     * an activity reported without a rep and not attached, or one logged by an integration whose report has not
     * arrived yet.
     */
    String personId() {
        if (received != null) {
            return received.personId() != null ? received.personId() : attachedOwnerId;
        }
        return logged == null ? null : logged.personId();
    }

    /** The cells this id counts in, with what it adds to each. */
    Map<String, ActivityCell> cells(CompanyPeriods periods, long successfulCallSeconds) {
        Map<String, ActivityCell> cells = ShiftCells.cells();
        ActivityFact facts = received != null ? received : logged;
        String personId = personId();
        if (facts == null || personId == null) {
            return cells;
        }
        String pipelineId = logged == null ? null : logged.pipelineId();
        boolean outbound = facts.direction() == Direction.OUTBOUND;
        if (facts.kind() == ActivityKind.CALL) {
            // the checks are the logging's: a call is checked against the dictionaries when it is logged on a deal
            ShiftCells.add(cells, personId, pipelineId, facts.occurredAt(),
                    ActivityCounts.call(outbound, facts.answered(), facts.durationSeconds(), successfulCallSeconds)
                            .withChecks(logged == null ? CallChecks.NONE : logged.checks()),
                    periods);
        } else {
            ShiftCells.add(cells, personId, pipelineId, facts.occurredAt(),
                    outbound ? ActivityCounts.EMAIL_SENT : ActivityCounts.EMAIL_RECEIVED, periods);
            if (outbound && openedAt != null) {
                ShiftCells.add(cells, personId, pipelineId, openedAt, ActivityCounts.EMAIL_OPENED, periods);
            }
        }
        return cells;
    }
}
