package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

/** A deal's descriptive fields changed; both the previous and the new values are kept for the history. */
public record DealDetailsEdited(String dealId, DealDetails previous, DealDetails details, Instant occurredAt)
        implements DealEvent {

    public DealDetailsEdited {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
