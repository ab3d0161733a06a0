package dev.salespipeline.api.activity;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.deal.Direction;

/**
 * A call or email reported by an outside system was recorded (once per source system and external id).
 * {@code dealId} is the deal it was matched to, or null when {@code match} is {@link ActivityMatch#UNMATCHED};
 * {@code ownerId} is the rep it counts for (the reported owner, else the matched deal's owner, else null).
 * Call fields are null or zero for emails and the other way round.
 */
public record ActivityReceived(String activityId, String sourceSystem, String externalId, ActivityKind kind,
                               Direction direction, Instant occurredAt, long durationSeconds, boolean answered,
                               String phoneNumber, String recordingUrl, String transcript, String subject,
                               String fromAddress, String toAddress, String ownerId, String dealId,
                               ActivityMatch match) implements ActivityEvent {

    public ActivityReceived {
        Objects.requireNonNull(activityId, "activityId");
        Objects.requireNonNull(sourceSystem, "sourceSystem");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(match, "match");
        if ((dealId == null) != (match == ActivityMatch.UNMATCHED)) {
            throw new IllegalArgumentException("an activity has a deal exactly when it is matched");
        }
    }
}
