package dev.salespipeline.analytics.velocity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.salespipeline.analytics.deal.DealStatus;
import dev.salespipeline.analytics.velocity.VelocityContribution.Kind;
import dev.salespipeline.api.metrics.PeriodType;

/**
 * Every contribution of a deal's figures: each under its owner and all owners, its channel and all channels,
 * and every period type where a period applies.
 */
final class VelocityContributions {

    private VelocityContributions() {
    }

    static List<VelocityContribution> of(DealFigures deal) {
        List<VelocityContribution> contributions = new ArrayList<>();
        if (deal == null) {
            return contributions;
        }
        for (String owner : Arrays.asList(deal.ownerId(), null)) {
            for (String channel : Arrays.asList(deal.sourceChannel(), null)) {
                for (DealFigures.StageStay stay : deal.stays()) {
                    for (PeriodType type : PeriodType.values()) {
                        contributions.add(new VelocityContribution(Kind.STAGE_TIME, stay.pipelineId(), owner, channel,
                                type, stay.lastLeftIn().get(type), stay.stageId(), null, stay.millis(), null, null));
                    }
                }
                DealFigures.OpenStay open = deal.open();
                if (open != null) {
                    contributions.add(new VelocityContribution(Kind.STAGE_OPEN, open.pipelineId(), owner, channel,
                            null, null, open.stageId(), null, open.enteredAtSecond(), null, null));
                    if (open.currency() != null) {
                        contributions.add(new VelocityContribution(Kind.VELOCITY_OPEN, open.pipelineId(), owner,
                                channel, null, null, null, open.currency(), 0, null, null));
                    }
                }
                DealFigures.Closing closing = deal.closing();
                if (closing != null) {
                    for (PeriodType type : PeriodType.values()) {
                        String period = closing.closedIn().get(type);
                        if (closing.outcome() == DealStatus.WON) {
                            contributions.add(new VelocityContribution(Kind.CYCLE, closing.pipelineId(), owner,
                                    channel, type, period, null, null, closing.cycleMillis(), null, null));
                        }
                        if (closing.amount() != null) {
                            contributions.add(new VelocityContribution(Kind.VELOCITY_CLOSED, closing.pipelineId(),
                                    owner, channel, type, period, null, closing.amount().currency(),
                                    closing.cycleMillis(), closing.outcome(), closing.amount().amount()));
                        }
                    }
                }
            }
        }
        return contributions;
    }
}
