package dev.salespipeline.analytics;

import java.time.Instant;
import java.util.UUID;

import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.envelope.EventEnvelope;

/** Envelopes as the command side publishes them, for topology tests. */
public final class EventMother {

    private EventMother() {
    }

    public static EventEnvelope<DealOpened> dealOpened(String dealId, String pipelineId, Instant at) {
        DealOpened event = new DealOpened(dealId, pipelineId, "lead", "Deal " + dealId, "rep-anna", "north",
                Money.of("1000.00", "EUR"), at);
        return new EventEnvelope<>(UUID.randomUUID().toString(), "DealOpened", 2, dealId, 0, 0, at, at,
                "rep-anna", "web", UUID.randomUUID().toString(), event);
    }
}
