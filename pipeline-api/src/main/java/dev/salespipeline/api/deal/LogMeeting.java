package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.Bounds;

/** Records a meeting with the client; {@code occurredAt} is when it started. */
public record LogMeeting(String dealId, String meetingId, String title, Instant occurredAt, long durationMinutes, String notes) implements DealCommand {

    public LogMeeting {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(meetingId, "meetingId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("dealId", dealId, Bounds.ID_LENGTH);
        Bounds.text("meetingId", meetingId, Bounds.ID_LENGTH);
        Bounds.text("title", title, Bounds.TITLE_LENGTH);
        Bounds.time("occurredAt", occurredAt);
        Bounds.range("durationMinutes", durationMinutes, 0, Bounds.MAX_MEETING_MINUTES);
        Bounds.text("notes", notes, Bounds.NOTE_LENGTH);
    }
}
