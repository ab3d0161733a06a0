package dev.salespipeline.api.activity;

import java.time.Instant;
import java.util.Objects;

/**
 * Someone attached an unmatched activity to a deal; {@code occurredAt} is when they did, {@code ownerId} the
 * rep the activity now counts for (unchanged if it already had one, else the deal's owner).
 */
public record ActivityAttached(String activityId, String dealId, String ownerId, Instant occurredAt)
        implements ActivityEvent {

    public ActivityAttached {
        Objects.requireNonNull(activityId, "activityId");
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
