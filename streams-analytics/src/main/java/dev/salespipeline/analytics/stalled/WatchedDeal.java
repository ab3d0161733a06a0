package dev.salespipeline.analytics.stalled;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import dev.salespipeline.analytics.deal.DealInPipeline;
import dev.salespipeline.analytics.deal.DealState;
import dev.salespipeline.api.alerts.AlertStatus;
import dev.salespipeline.api.alerts.StallReason;
import dev.salespipeline.api.alerts.StalledDealAlert;
import dev.salespipeline.api.pipeline.StageDefinition;

/**
 * An open deal as the stalled-deal check sees it: where it is, since when, the limits that apply to it now,
 * its latest activity, and the alert raised for it, if any.
 *
 * @param stageEnteredAt when the deal came into its current stage (opened, moved, reopened or transferred
 *                       there): a stage move counts as activity, so the idle clock never starts before it
 * @param stageTimeLimit the current stage's time limit in the pipeline's current definition; null when the
 *                       stage has none or is no longer in the pipeline
 * @param idleLimit      the pipeline's idle limit; null for none
 * @param lastActivityAt business time of the latest call, email, meeting, comment or task event; null for none
 * @param alert          the alert raised and not cleared; null when none stands
 */
public record WatchedDeal(String dealId, String pipelineId, String stageId, String ownerId, String teamId,
                          Instant stageEnteredAt, Duration stageTimeLimit, Duration idleLimit,
                          Instant lastActivityAt, StalledDealAlert alert) {

    public WatchedDeal {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(stageId, "stageId");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(stageEnteredAt, "stageEnteredAt");
        if (alert != null && alert.status() != AlertStatus.RAISED) {
            throw new IllegalArgumentException("only a raised alert is kept");
        }
    }

    /** An open deal with its pipeline's current definition, its latest activity and the alert it has. */
    static WatchedDeal of(DealInPipeline dealInPipeline, Instant lastActivityAt, StalledDealAlert alert) {
        DealState deal = dealInPipeline.deal();
        Duration stageTimeLimit = dealInPipeline.pipeline().stage(deal.stageId())
                .map(StageDefinition::timeLimit)
                .orElse(null);
        return new WatchedDeal(deal.dealId(), deal.pipelineId(), deal.stageId(), deal.ownerId(), deal.teamId(),
                deal.stageEnteredAt() == null ? deal.openedAt() : deal.stageEnteredAt(), stageTimeLimit,
                dealInPipeline.pipeline().idleLimit(), lastActivityAt, alert);
    }

    WatchedDeal withLastActivityAt(Instant at) {
        return new WatchedDeal(dealId, pipelineId, stageId, ownerId, teamId, stageEnteredAt, stageTimeLimit,
                idleLimit, at, alert);
    }

    WatchedDeal withAlert(StalledDealAlert raised) {
        return new WatchedDeal(dealId, pipelineId, stageId, ownerId, teamId, stageEnteredAt, stageTimeLimit,
                idleLimit, lastActivityAt, raised);
    }

    /** The stage's time limit, counted from entering the stage; empty when the stage has no limit. */
    Optional<Stall> stageStall() {
        return Optional.ofNullable(stageTimeLimit)
                .map(limit -> new Stall(StallReason.STAGE_TIME_LIMIT, stageEnteredAt.plus(limit), limit));
    }

    /**
     * The idle limit, counted from the latest activity or from entering the stage, whichever is later (so a
     * deal just reopened or transferred is not idle from activities before); empty when there is no limit.
     */
    Optional<Stall> idleStall() {
        Instant idleFrom = lastActivityAt != null && lastActivityAt.isAfter(stageEnteredAt)
                ? lastActivityAt : stageEnteredAt;
        return Optional.ofNullable(idleLimit)
                .map(limit -> new Stall(StallReason.IDLE_LIMIT, idleFrom.plus(limit), limit));
    }

    /**
     * The stall to raise an alert for at {@code now}: of the limits exceeded, the one exceeded first (the
     * stage's on a tie); empty when the deal is within both.
     */
    Optional<Stall> stallAt(Instant now) {
        return Stream.of(stageStall(), idleStall())
                .flatMap(Optional::stream)
                .filter(stall -> stall.exceededAt(now))
                .min(Comparator.comparing(Stall::since));
    }

    /**
     * The raised alert as it should read now, or empty when its stall is over: the deal no longer exceeds the
     * limit the alert is about, or, for a stage's time limit, it is no longer the same stay in the same stage.
     * While the stall goes on, the alert keeps its raising time and states the deal's current owner, team and
     * limit.
     */
    Optional<StalledDealAlert> alertStillStanding(Instant now) {
        if (alert == null) {
            return Optional.empty();
        }
        Optional<Stall> stall;
        if (alert.reason() == StallReason.STAGE_TIME_LIMIT) {
            boolean sameStay = alert.pipelineId().equals(pipelineId) && alert.stageId().equals(stageId)
                    && alert.since().minus(alert.limit()).equals(stageEnteredAt);
            stall = sameStay ? stageStall() : Optional.empty();
        } else {
            stall = idleStall();
        }
        return stall.filter(current -> current.exceededAt(now)).map(current -> alertFor(current, alert.raisedAt()));
    }

    /** A raised alert about this deal, as it is now. */
    StalledDealAlert alertFor(Stall stall, Instant raisedAt) {
        return new StalledDealAlert(dealId, pipelineId, stageId, ownerId, teamId, AlertStatus.RAISED, stall.reason(),
                stall.since(), stall.limit(), raisedAt, null);
    }
}
