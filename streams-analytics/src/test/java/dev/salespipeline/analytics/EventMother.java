package dev.salespipeline.analytics;

import java.time.Instant;
import java.util.UUID;

import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.envelope.EventTypes;

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

    /** The envelope of any event, at the given position of its aggregate and in business time. */
    public static <E extends DomainEvent> EventEnvelope<E> envelope(long aggregateSequence, E event) {
        return new EventEnvelope<>(UUID.randomUUID().toString(), EventTypes.nameOf(event.getClass()),
                EventTypes.versionOf(event.getClass()), event.aggregateId(), aggregateSequence, 0,
                event.occurredAt(), event.occurredAt(), "rep-anna", "web", UUID.randomUUID().toString(), event);
    }
}
