package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

/**
 * The deal's own win probability changed: {@code probability} null means it follows its stage's default
 * again; {@code previous} null means it followed the default before.
 */
public record ProbabilityOverridden(String dealId, Integer previous, Integer probability, Instant occurredAt)
        implements DealEvent {

    public ProbabilityOverridden {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
