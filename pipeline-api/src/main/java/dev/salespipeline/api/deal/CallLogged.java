package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A call took place; {@code occurredAt} is when it started. {@code transcriptMatches} are the phrases of the
 * company's dictionaries found in its transcript, checked against the dictionaries in force when the call was logged
 * (empty without a transcript or a match; at most {@value TranscriptMatch#MAX_PER_CALL}, the first ones). Left out of
 * the document when empty, so that a call without matches is written as before there were dictionaries.
 */
public record CallLogged(String dealId, String callId, Direction direction, Instant occurredAt, long durationSeconds,
                         boolean answered, String phoneNumber, String recordingUrl, String transcript,
                         String externalId,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TranscriptMatch> transcriptMatches)
        implements DealEvent {

    public CallLogged {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(occurredAt, "occurredAt");
        transcriptMatches = transcriptMatches == null ? List.of() : List.copyOf(transcriptMatches);
    }

    /** A call without dictionary matches. */
    public CallLogged(String dealId, String callId, Direction direction, Instant occurredAt, long durationSeconds,
                      boolean answered, String phoneNumber, String recordingUrl, String transcript,
                      String externalId) {
        this(dealId, callId, direction, occurredAt, durationSeconds, answered, phoneNumber, recordingUrl, transcript,
                externalId, List.of());
    }
}
