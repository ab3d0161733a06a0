package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.Bounds;

/** Hands a deal over to another owner, in the same team unless {@code teamId} names another; the reason is optional. */
public record HandOverDeal(String dealId, String ownerId, String teamId, String reason, Long expectedVersion, Instant occurredAt) implements DealCommand {

    public HandOverDeal {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("dealId", dealId, Bounds.ID_LENGTH);
        Bounds.text("ownerId", ownerId, Bounds.ID_LENGTH);
        Bounds.text("teamId", teamId, Bounds.ID_LENGTH);
        Bounds.text("reason", reason, Bounds.TEXT_LENGTH);
        Bounds.time("occurredAt", occurredAt);
    }
}
