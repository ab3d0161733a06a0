package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

/** A call took place; {@code occurredAt} is when it started. */
public record CallLogged(String dealId, String callId, Direction direction, Instant occurredAt, long durationSeconds, boolean answered, String phoneNumber, String recordingUrl, String transcript, String externalId) implements DealEvent {

    public CallLogged {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
