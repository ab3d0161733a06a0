package dev.salespipeline.analytics.forecast;

import java.time.Instant;
import java.time.LocalDate;

import dev.salespipeline.analytics.deal.DealInPipeline;
import dev.salespipeline.analytics.deal.DealState;
import dev.salespipeline.analytics.deal.DealStatus;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.pipeline.StageDefinition;

/**
 * What the forecast family counts of one deal: where it is, what it is worth and with what probability, when it
 * is expected to close, and, for a closed deal, its outcome. Kept per deal (store
 * {@value ForecastTopology#DEALS_STORE}) so that a change sends only what differs.
 *
 * @param probability the deal's override, else its current stage's probability in the pipeline's current
 *                    definition (a removed stage's as it was when removed), else 0
 * @param closedAt    the latest close, null while open
 */
public record ForecastDeal(String dealId, String pipelineId, String ownerId, String teamId, String sourceChannel,
                           DealStatus status, Money amount, int probability, LocalDate expectedCloseDate,
                           Instant openedAt, Instant closedAt, long appliedSequence) {

    static ForecastDeal of(DealInPipeline dealInPipeline) {
        DealState deal = dealInPipeline.deal();
        int probability = deal.probabilityOverride() != null ? deal.probabilityOverride()
                : dealInPipeline.pipeline().stageEverDefined(deal.stageId()).map(StageDefinition::probability)
                        .orElse(0);
        return new ForecastDeal(deal.dealId(), deal.pipelineId(), deal.ownerId(), deal.teamId(), deal.sourceChannel(),
                deal.status(), deal.amount(), probability, deal.expectedCloseDate(), deal.openedAt(), deal.closedAt(),
                deal.appliedSequence());
    }

    boolean open() {
        return status == DealStatus.OPEN;
    }
}
