package dev.salespipeline.api.deal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.Bounds;

/** Sets the date the deal is expected to close (in the company's time zone), or clears it with null. */
public record ChangeExpectedCloseDate(String dealId, LocalDate expectedCloseDate, Long expectedVersion,
                                      Instant occurredAt) implements AggregateCommand {

    public ChangeExpectedCloseDate {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("dealId", dealId, Bounds.ID_LENGTH);
        Bounds.date("expectedCloseDate", expectedCloseDate);
        Bounds.time("occurredAt", occurredAt);
    }

    @Override
    public String targetAggregateId() {
        return dealId;
    }
}
