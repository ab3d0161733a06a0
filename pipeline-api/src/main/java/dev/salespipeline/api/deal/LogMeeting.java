package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

/** Records a meeting with the client; {@code occurredAt} is when it started. */
public record LogMeeting(String dealId, String meetingId, String title, Instant occurredAt, long durationMinutes, String notes) implements DealCommand {

    public LogMeeting {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(meetingId, "meetingId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
