package dev.salespipeline.api.metrics;

import java.util.Objects;

/**
 * What one person did in a shift (manager control), per pipeline and for all pipelines, on
 * {@link dev.salespipeline.api.Topics#METRICS_MANAGER_ACTIVITY}. A shift is the company's local working day
 * ({@link PeriodType#DAY}); weeks, months and quarters add the days up. Everything counts for the person who did
 * it at the business time it happened (a call for whoever made or took it, a change of a card for whoever made
 * it), not for the deal's owner now. Definitions: {@code docs/metrics.md}, "Manager activity".
 *
 * <p>The record key is {@link #key}: a {@link MetricKey} whose owner part is the person and whose channel part is
 * always {@value MetricKey#ALL}, e.g. {@code sales|anna|*|DAY|2026-11-16}, or
 * {@code *|anna|*|DAY|2026-11-16} for all pipelines.
 *
 * @param pipelineId                      the pipeline the work was done in, or {@value #ALL_PIPELINES} for all
 *                                        pipelines (which also holds calls and emails not matched to any deal)
 * @param ownerId                         the person (a user id); named as in every metric record so that readers cut
 *                                        by owner find it
 * @param periodType                      the kind of period
 * @param period                          the period, see {@link PeriodType}
 * @param callsMade                       outbound calls, answered or not
 * @param callsReceived                   inbound calls, answered or not
 * @param talkSeconds                     total duration of the answered calls
 * @param successfulContacts              answered calls, either direction, lasting at least the successful-call
 *                                        threshold
 * @param missedCalls                     calls not answered: {@code missedInbound + missedOutbound}
 * @param missedInbound                   inbound calls the person did not take
 * @param missedOutbound                  outbound calls the client did not take
 * @param inboundOutboundRatio            {@code callsReceived / callsMade}; null when no call was made
 * @param emailsSent                      outbound emails
 * @param emailsReceived                  inbound emails
 * @param emailsOpened                    the person's outbound emails that the client opened in this period
 * @param emailOpenRate                   {@code emailsOpened / emailsSent}; null when no email was sent (openings
 *                                        count in the period of the opening, so it can exceed 1)
 * @param cardsChanged                    distinct deals the person changed in the period
 * @param callsPerChangedCard             {@code (callsMade + callsReceived) / cardsChanged}; null when no card was
 *                                        changed
 * @param tasksRescheduledWithoutActivity reschedules of a task by the person with no call, email, meeting or
 *                                        comment on the deal since the task's previous due time was set
 */
public record ManagerActivity(String pipelineId, String ownerId, PeriodType periodType, String period,
                              long callsMade, long callsReceived, long talkSeconds, long successfulContacts,
                              long missedCalls, long missedInbound, long missedOutbound, Double inboundOutboundRatio,
                              long emailsSent, long emailsReceived, long emailsOpened, Double emailOpenRate,
                              long cardsChanged,
                              Double callsPerChangedCard, long tasksRescheduledWithoutActivity) {

    /** Stands for "all pipelines" in {@link #pipelineId()} and in the key. */
    public static final String ALL_PIPELINES = MetricKey.ALL;

    public ManagerActivity {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(periodType, "periodType");
        Objects.requireNonNull(period, "period");
    }

    /**
     * The record key on {@link dev.salespipeline.api.Topics#METRICS_MANAGER_ACTIVITY}:
     * {@code pipelineId or *|personId|*|periodType|period}.
     */
    public static String key(String pipelineId, String personId, PeriodType periodType, String period) {
        return new MetricKey(pipelineId, personId, null, periodType, period).asString();
    }
}
