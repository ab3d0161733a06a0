package dev.salespipeline.api.activity;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.Bounds;

/** Attaches an unmatched activity to a deal. */
public record AttachActivity(String activityId, String dealId, Instant occurredAt) implements AggregateCommand {

    public AttachActivity {
        Objects.requireNonNull(activityId, "activityId");
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("activityId", activityId, Bounds.ID_LENGTH);
        Bounds.text("dealId", dealId, Bounds.ID_LENGTH);
        Bounds.time("occurredAt", occurredAt);
    }

    @Override
    public String targetAggregateId() {
        return activityId;
    }
}
