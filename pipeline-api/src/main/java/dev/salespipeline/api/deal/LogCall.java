package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.Bounds;

/** Records a call with the client; {@code occurredAt} is when it started. Logging the same call id again changes nothing. */
public record LogCall(String dealId, String callId, Direction direction, Instant occurredAt, long durationSeconds, boolean answered, String phoneNumber, String recordingUrl, String transcript, String externalId) implements DealCommand {

    public LogCall {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (durationSeconds < 0) {
            throw new IllegalArgumentException("durationSeconds must not be negative");
        }
        Bounds.text("dealId", dealId, Bounds.ID_LENGTH);
        Bounds.text("callId", callId, Bounds.ID_LENGTH);
        Bounds.time("occurredAt", occurredAt);
        Bounds.range("durationSeconds", durationSeconds, 0, Bounds.MAX_CALL_SECONDS);
        Bounds.text("phoneNumber", phoneNumber, Bounds.PHONE_LENGTH);
        Bounds.text("recordingUrl", recordingUrl, Bounds.TEXT_LENGTH);
        Bounds.text("transcript", transcript, Bounds.TRANSCRIPT_LENGTH);
        Bounds.text("externalId", externalId, Bounds.EXTERNAL_ID_LENGTH);
    }
}
