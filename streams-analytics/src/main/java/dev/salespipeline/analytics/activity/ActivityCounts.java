package dev.salespipeline.analytics.activity;

/**
 * The additive figures of one person's shift: what a single call, email, changed card or reschedule adds, a
 * difference between two such contributions, or the sum kept for a row. Ratios are worked out from the sums
 * when the row is published. {@code checks} are the call-quality figures, published on a topic of their own
 * ({@link ShiftActivity#quality()}); a cell written before they were counted reads with none.
 */
public record ActivityCounts(long callsMade, long callsReceived, long talkSeconds, long successfulContacts,
                             long missedInbound, long missedOutbound, long emailsSent, long emailsReceived,
                             long emailsOpened, long cardsChanged, long tasksRescheduledWithoutActivity,
                             CallChecks checks) {

    public ActivityCounts {
        checks = checks == null ? CallChecks.NONE : checks;
    }

    /** Figures without call checks. */
    public ActivityCounts(long callsMade, long callsReceived, long talkSeconds, long successfulContacts,
                          long missedInbound, long missedOutbound, long emailsSent, long emailsReceived,
                          long emailsOpened, long cardsChanged, long tasksRescheduledWithoutActivity) {
        this(callsMade, callsReceived, talkSeconds, successfulContacts, missedInbound, missedOutbound, emailsSent,
                emailsReceived, emailsOpened, cardsChanged, tasksRescheduledWithoutActivity, CallChecks.NONE);
    }

    public static final ActivityCounts NONE = new ActivityCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    static final ActivityCounts RESCHEDULED_WITHOUT_ACTIVITY = new ActivityCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
    static final ActivityCounts EMAIL_SENT = new ActivityCounts(0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0);
    static final ActivityCounts EMAIL_RECEIVED = new ActivityCounts(0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0);
    static final ActivityCounts EMAIL_OPENED = new ActivityCounts(0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0);

    /** One call: outbound or inbound, its talk time and whether it was a successful contact or missed. */
    static ActivityCounts call(boolean outbound, boolean answered, long durationSeconds, long successfulCallSeconds) {
        return new ActivityCounts(outbound ? 1 : 0, outbound ? 0 : 1, answered ? durationSeconds : 0,
                answered && durationSeconds >= successfulCallSeconds ? 1 : 0,
                !answered && !outbound ? 1 : 0, !answered && outbound ? 1 : 0, 0, 0, 0, 0, 0);
    }

    ActivityCounts plus(ActivityCounts other) {
        return new ActivityCounts(callsMade + other.callsMade, callsReceived + other.callsReceived,
                talkSeconds + other.talkSeconds, successfulContacts + other.successfulContacts,
                missedInbound + other.missedInbound, missedOutbound + other.missedOutbound,
                emailsSent + other.emailsSent, emailsReceived + other.emailsReceived,
                emailsOpened + other.emailsOpened, cardsChanged + other.cardsChanged,
                tasksRescheduledWithoutActivity + other.tasksRescheduledWithoutActivity, checks.plus(other.checks));
    }

    /** These counts with cards changed set to {@code cards}. */
    ActivityCounts withCardsChanged(long cards) {
        return new ActivityCounts(callsMade, callsReceived, talkSeconds, successfulContacts, missedInbound,
                missedOutbound, emailsSent, emailsReceived, emailsOpened, cards, tasksRescheduledWithoutActivity,
                checks);
    }

    /** These counts with the call checks of {@code call} added. */
    ActivityCounts withChecks(CallChecks call) {
        return new ActivityCounts(callsMade, callsReceived, talkSeconds, successfulContacts, missedInbound,
                missedOutbound, emailsSent, emailsReceived, emailsOpened, cardsChanged,
                tasksRescheduledWithoutActivity, checks.plus(call));
    }

    ActivityCounts negated() {
        return new ActivityCounts(-callsMade, -callsReceived, -talkSeconds, -successfulContacts, -missedInbound,
                -missedOutbound, -emailsSent, -emailsReceived, -emailsOpened, -cardsChanged,
                -tasksRescheduledWithoutActivity, checks.negated());
    }

    /** Whether these counts change a call-quality row: a call, or its checks. */
    boolean countsCalls() {
        return callsMade != 0 || callsReceived != 0 || !checks.isZero();
    }

    boolean isZero() {
        return equals(NONE);
    }
}
