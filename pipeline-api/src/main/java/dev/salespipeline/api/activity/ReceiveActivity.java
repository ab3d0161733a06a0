package dev.salespipeline.api.activity;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.api.Bounds;

/**
 * Records a reported call or email, already validated and matched (fields as in {@link ActivityReceived}).
 * Receiving the same activity id again changes nothing.
 */
public record ReceiveActivity(String activityId, String sourceSystem, String externalId, ActivityKind kind,
                              Direction direction, Instant occurredAt, long durationSeconds, boolean answered,
                              String phoneNumber, String recordingUrl, String transcript, String subject,
                              String fromAddress, String toAddress, String ownerId, String dealId,
                              ActivityMatch match) implements AggregateCommand {

    public ReceiveActivity {
        Objects.requireNonNull(activityId, "activityId");
        Objects.requireNonNull(match, "match");
        Bounds.text("activityId", activityId, Bounds.ID_LENGTH);
        Bounds.text("sourceSystem", sourceSystem, Bounds.EXTERNAL_ID_LENGTH);
        Bounds.text("externalId", externalId, Bounds.EXTERNAL_ID_LENGTH);
        Bounds.time("occurredAt", occurredAt);
        Bounds.range("durationSeconds", durationSeconds, 0, Bounds.MAX_CALL_SECONDS);
        Bounds.text("phoneNumber", phoneNumber, Bounds.PHONE_LENGTH);
        Bounds.text("recordingUrl", recordingUrl, Bounds.TEXT_LENGTH);
        Bounds.text("transcript", transcript, Bounds.TRANSCRIPT_LENGTH);
        Bounds.text("subject", subject, Bounds.TEXT_LENGTH);
        Bounds.text("fromAddress", fromAddress, Bounds.EMAIL_LENGTH);
        Bounds.text("toAddress", toAddress, Bounds.EMAIL_LENGTH);
        Bounds.text("ownerId", ownerId, Bounds.ID_LENGTH);
        Bounds.text("dealId", dealId, Bounds.ID_LENGTH);
    }

    @Override
    public String targetAggregateId() {
        return activityId;
    }

    /** The event this command records. */
    public ActivityReceived received() {
        return new ActivityReceived(activityId, sourceSystem, externalId, kind, direction, occurredAt, durationSeconds,
                answered, phoneNumber, recordingUrl, transcript, subject, fromAddress, toAddress, ownerId, dealId, match);
    }
}
