package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

/** A meeting took place. */
public record MeetingLogged(String dealId, String meetingId, String title, Instant occurredAt, long durationMinutes, String notes) implements DealEvent {

    public MeetingLogged {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(meetingId, "meetingId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
