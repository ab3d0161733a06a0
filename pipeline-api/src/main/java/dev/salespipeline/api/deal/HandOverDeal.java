package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

/** Hands a deal over to another owner, in the same team unless {@code teamId} names another; the reason is optional. */
public record HandOverDeal(String dealId, String ownerId, String teamId, String reason, Long expectedVersion, Instant occurredAt) implements DealCommand {

    public HandOverDeal {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
