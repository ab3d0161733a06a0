package dev.salespipeline.api.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * An open deal has exceeded its stage's time limit or its pipeline's idle limit (raised), or no longer does
 * (cleared): the value of a record on {@link dev.salespipeline.api.Topics#ALERTS_STALLED_DEALS}, keyed by
 * deal id. A deal has at most one alert at a time. Definitions: {@code docs/metrics.md}, "Stalled deals".
 *
 * <p>{@code since} is business time, worked out from the deal's events; {@code raisedAt} and
 * {@code clearedAt} are the wall-clock times at which the alert was raised and cleared.
 *
 * @param dealId     the deal; also the Kafka record key
 * @param pipelineId the pipeline the deal is in
 * @param stageId    the stage the deal is in
 * @param ownerId    the deal's owner
 * @param teamId     the owner's team, null for none
 * @param status     RAISED while the deal is stalled, CLEARED once it no longer is
 * @param reason     which limit the deal exceeded
 * @param since      when the limit was exceeded: entering the stage plus the stage's time limit, or the latest
 *                   activity (entering the stage, if that is later) plus the idle limit
 * @param limit      the limit exceeded
 * @param raisedAt   when the alert was raised
 * @param clearedAt  when it was cleared; null exactly while it is raised
 */
public record StalledDealAlert(String dealId, String pipelineId, String stageId, String ownerId, String teamId,
                               AlertStatus status, StallReason reason, Instant since,
                               // ISO-8601 text ("PT336H") with either Jackson version, not seconds
                               @JsonFormat(shape = JsonFormat.Shape.STRING) Duration limit,
                               Instant raisedAt, Instant clearedAt) {

    public StalledDealAlert {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(stageId, "stageId");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(raisedAt, "raisedAt");
        if ((clearedAt == null) != (status == AlertStatus.RAISED)) {
            throw new IllegalArgumentException("an alert has a clearing time exactly when it is cleared");
        }
    }

    /** The same alert, cleared at the given time. */
    public StalledDealAlert cleared(Instant at) {
        return new StalledDealAlert(dealId, pipelineId, stageId, ownerId, teamId, AlertStatus.CLEARED, reason, since,
                limit, raisedAt, Objects.requireNonNull(at, "at"));
    }
}
