package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.Bounds;

/**
 * Overrides the deal's win probability (0 to 100 percent) instead of its stage's default, or with null
 * returns to the stage's default.
 */
public record OverrideProbability(String dealId, Integer probability, Long expectedVersion, Instant occurredAt)
        implements AggregateCommand {

    public OverrideProbability {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (probability != null && (probability < 0 || probability > 100)) {
            throw new IllegalArgumentException("probability must be between 0 and 100: " + probability);
        }
        Bounds.text("dealId", dealId, Bounds.ID_LENGTH);
        Bounds.time("occurredAt", occurredAt);
    }

    @Override
    public String targetAggregateId() {
        return dealId;
    }
}
