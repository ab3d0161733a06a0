package dev.salespipeline.analytics.activity;

import dev.salespipeline.api.metrics.CallQuality;
import dev.salespipeline.api.metrics.ManagerActivity;
import dev.salespipeline.api.metrics.PeriodType;

/**
 * One row of a person's activity as kept in the store {@code manager-activity-metrics}: the sums of every delta
 * received for its key.
 */
public record ShiftActivity(String pipelineId, String personId, PeriodType periodType, String period,
                           ActivityCounts counts) {

    static ShiftActivity apply(ShiftActivity row, ActivityDelta delta) {
        ActivityCounts counts = row == null ? delta.counts() : row.counts().plus(delta.counts());
        return new ShiftActivity(delta.pipelineId(), delta.personId(), delta.periodType(), delta.period(), counts);
    }

    /** The row's call-quality record ({@code docs/metrics.md}, "Call quality"). */
    public CallQuality quality() {
        CallChecks checks = counts.checks();
        return new CallQuality(pipelineId, personId, periodType, period, counts.callsMade() + counts.callsReceived(),
                checks.callsChecked(), checks.callsWithStopWords(), checks.callsWithComplaint(),
                checks.callsWithProfanity(), checks.matchesByList());
    }

    /** The published record, with the ratios worked out from the sums. */
    public ManagerActivity metric() {
        long calls = counts.callsMade() + counts.callsReceived();
        return new ManagerActivity(pipelineId, personId, periodType, period, counts.callsMade(),
                counts.callsReceived(), counts.talkSeconds(), counts.successfulContacts(),
                counts.missedInbound() + counts.missedOutbound(), counts.missedInbound(), counts.missedOutbound(),
                counts.callsMade() == 0 ? null : (double) counts.callsReceived() / counts.callsMade(),
                counts.emailsSent(), counts.emailsReceived(), counts.emailsOpened(),
                counts.emailsSent() == 0 ? null : (double) counts.emailsOpened() / counts.emailsSent(),
                counts.cardsChanged(),
                counts.cardsChanged() == 0 ? null : (double) calls / counts.cardsChanged(),
                counts.tasksRescheduledWithoutActivity());
    }
}
