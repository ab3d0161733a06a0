package dev.salespipeline.api.activity;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.deal.Direction;

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
