package dev.salespipeline.analytics.deal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import dev.salespipeline.api.deal.Money;

/**
 * What the metric families need to know about one deal now, folded from its events by {@link DealStateTable}.
 *
 * @param pipelineId          the pipeline the deal is in now
 * @param ownerId             the current owner
 * @param teamId              the current owner's team, null for none
 * @param sourceChannel       where the lead came from, null until the deal's details name it
 * @param amount              the current amount, null while unknown
 * @param openedAt            when the deal was opened
 * @param closedAt            when it was last won or lost; null while open (also after a reopen)
 * @param stageId             the current stage; for a closed deal, the stage it was closed from
 * @param stageEnteredAt      when the deal entered the current stage
 * @param stageIntervals      every stay in a stage, in every pipeline the deal has been in, oldest first; the
 *                            last one is open while the deal is open
 * @param expectedCloseDate   null when not set
 * @param probabilityOverride the deal's own win probability, null when it follows its stage's default
 * @param appliedSequence     aggregate sequence of the last event folded in
 */
public record DealState(String dealId, String pipelineId, String ownerId, String teamId, String sourceChannel,
                        Money amount, DealStatus status, Instant openedAt, Instant closedAt, String stageId,
                        Instant stageEnteredAt, List<StageInterval> stageIntervals, LocalDate expectedCloseDate,
                        Integer probabilityOverride, long appliedSequence) {

    public DealState {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(stageId, "stageId");
        stageIntervals = stageIntervals == null ? List.of() : List.copyOf(stageIntervals);
    }
}
