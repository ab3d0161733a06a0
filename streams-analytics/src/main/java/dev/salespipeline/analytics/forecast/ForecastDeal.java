package dev.salespipeline.analytics.forecast;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import dev.salespipeline.analytics.deal.DealInPipeline;
import dev.salespipeline.analytics.deal.DealState;
import dev.salespipeline.analytics.deal.DealStatus;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.pipeline.StageDefinition;

/**
 * What the forecast family counts of one deal: where it is, what it is worth and with what probability, when it
 * is expected to close, and, for a closed deal, its outcome. It is the deal's part under its pipeline, as the
 * family's recounts keep it (store {@value ForecastTopology#DEALS_STORE}) and send it to the pipeline's partition,
 * with only what the family's figures read: an open deal's opening and close times, a closed deal's channel,
 * probability and expected close date are left out, so that a change of them recounts nothing.
 *
 * @param probability the deal's override, else its current stage's probability in the pipeline's current
 *                    definition (a removed stage's as it was when removed), else 0
 * @param closedAt    the latest close, null while open
 */
public record ForecastDeal(String dealId, String pipelineId, String ownerId, String teamId, String sourceChannel,
                           DealStatus status, Money amount, int probability, LocalDate expectedCloseDate,
                           Instant openedAt, Instant closedAt) {

    static ForecastDeal of(DealInPipeline dealInPipeline) {
        DealState deal = dealInPipeline.deal();
        int probability = deal.probabilityOverride() != null ? deal.probabilityOverride()
                : dealInPipeline.pipeline().stageEverDefined(deal.stageId()).map(StageDefinition::probability)
                        .orElse(0);
        return new ForecastDeal(deal.dealId(), deal.pipelineId(), deal.ownerId(), deal.teamId(), deal.sourceChannel(),
                deal.status(), deal.amount(), probability, deal.expectedCloseDate(), deal.openedAt(), deal.closedAt());
    }

    /**
     * The family's rule: the deal's part under its pipeline, or nothing when it counts in none of the family's
     * figures (an open deal without an amount).
     *
     * <p>The part's contributions are worked out here once, so that a deal the figures cannot represent (a cycle
     * longer than milliseconds can count, say) fails here, before it is counted: the deal change goes to the
     * dead-letter topic and the deal stays counted as it was, rather than failing again at every later change,
     * where the part would be taken out of the rows.
     */
    static Map<String, ForecastDeal> parts(DealInPipeline dealInPipeline, CompanyPeriods periods) {
        ForecastDeal deal = of(dealInPipeline).counted();
        if (deal == null) {
            return Map.of();
        }
        ForecastContributions.of(deal, periods);
        return Map.of(deal.pipelineId(), deal);
    }

    boolean open() {
        return status == DealStatus.OPEN;
    }

    /** The deal with only what the family's figures read of it; null when it counts in none. */
    ForecastDeal counted() {
        if (open()) {
            return amount == null ? null : new ForecastDeal(dealId, pipelineId, ownerId, teamId, sourceChannel, status,
                    amount, probability, expectedCloseDate, null, null);
        }
        return closedAt == null ? null : new ForecastDeal(dealId, pipelineId, ownerId, teamId, null, status, amount,
                0, null, openedAt, closedAt);
    }
}
