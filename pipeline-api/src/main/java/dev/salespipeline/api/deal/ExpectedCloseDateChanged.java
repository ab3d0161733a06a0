package dev.salespipeline.api.deal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/** The expected close date changed (either may be null: not set). */
public record ExpectedCloseDateChanged(String dealId, LocalDate previous, LocalDate expectedCloseDate,
                                       Instant occurredAt) implements DealEvent {

    public ExpectedCloseDateChanged {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
