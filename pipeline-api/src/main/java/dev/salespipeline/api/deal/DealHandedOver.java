package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

/** The deal changed hands; the rights to it moved with it. */
public record DealHandedOver(String dealId, String previousOwnerId, String ownerId, String previousTeamId, String teamId, String reason, Instant occurredAt) implements DealEvent {

    public DealHandedOver {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(previousOwnerId, "previousOwnerId");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
