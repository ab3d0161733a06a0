package dev.salespipeline.analytics.acquisition;

import java.util.Objects;

import dev.salespipeline.analytics.serde.PipelineEvents;
import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.spend.MarketingSpendChanged;
import dev.salespipeline.api.spend.MarketingSpendSet;
import dev.salespipeline.api.spend.MarketingSpendWithdrawn;
import dev.salespipeline.api.target.TargetPeriod;

/**
 * A marketing spend as its events leave it (store {@value AcquisitionCostTopology#SPEND_STORE}, by spend id).
 *
 * @param withdrawn       whether it was withdrawn: it no longer counts
 * @param appliedSequence aggregate sequence of the last event folded in
 */
record Spend(String spendId, String pipelineId, String channel, TargetPeriod period, Money amount, boolean withdrawn,
             long appliedSequence) {

    Spend {
        Objects.requireNonNull(spendId, "spendId");
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(amount, "amount");
    }

    /** The spend after the event; a redelivered event, or a change before the spend was set, leaves it as it is. */
    static Spend fold(Spend current, EventEnvelope<DomainEvent> envelope) {
        if (current != null && envelope.aggregateSequence() <= current.appliedSequence()) {
            return current;
        }
        DomainEvent event = PipelineEvents.event(envelope).orElse(null);
        long sequence = envelope.aggregateSequence();
        if (event instanceof MarketingSpendSet set) {
            return new Spend(set.spendId(), set.pipelineId(), set.channel(), set.period(), set.amount(), false,
                    sequence);
        }
        if (current == null) {
            return null;
        }
        if (event instanceof MarketingSpendChanged changed) {
            return new Spend(current.spendId, current.pipelineId, current.channel, current.period, changed.amount(),
                    current.withdrawn, sequence);
        }
        if (event instanceof MarketingSpendWithdrawn) {
            return new Spend(current.spendId, current.pipelineId, current.channel, current.period, current.amount,
                    true, sequence);
        }
        return current;
    }
}
