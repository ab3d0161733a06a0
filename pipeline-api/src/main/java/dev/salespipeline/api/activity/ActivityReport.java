package dev.salespipeline.api.activity;

import java.time.Instant;

import dev.salespipeline.api.Bounds;
import dev.salespipeline.api.deal.Direction;

/**
 * A call or an email as a telephony or email system reports it, on {@link dev.salespipeline.api.Topics#ACTIVITY_INGEST}
 * or to the signed webhook; the same JSON document either way.
 *
 * <p>Required: {@code sourceSystem}, {@code externalId} (unique within the source system), {@code kind},
 * {@code direction}, {@code occurredAt} (when the call started or the email was sent; not in the future), and
 * for a call {@code phoneNumber} (the client's number) with {@code durationSeconds}, for an email
 * {@code fromAddress} and {@code toAddress}. Optional: {@code answered} (calls; defaults to whether the call
 * lasted any time), {@code recordingUrl}, {@code transcript}, {@code subject}, {@code dealId} (when the system
 * knows the deal), {@code ownerId} (the rep who made or took it; defaults to the deal's owner).
 */
public record ActivityReport(String sourceSystem, String externalId, ActivityKind kind, Direction direction,
                             Instant occurredAt, Long durationSeconds, Boolean answered, String phoneNumber,
                             String recordingUrl, String transcript, String subject, String fromAddress,
                             String toAddress, String dealId, String ownerId) {

    /** Only the bounds are checked here; which fields a report needs is {@code ActivityReports}' business. */
    public ActivityReport {
        Bounds.text("sourceSystem", sourceSystem, Bounds.EXTERNAL_ID_LENGTH);
        Bounds.text("externalId", externalId, Bounds.EXTERNAL_ID_LENGTH);
        Bounds.time("occurredAt", occurredAt);
        if (durationSeconds != null) {
            Bounds.range("durationSeconds", durationSeconds, 0, Bounds.MAX_CALL_SECONDS);
        }
        Bounds.text("phoneNumber", phoneNumber, Bounds.PHONE_LENGTH);
        Bounds.text("recordingUrl", recordingUrl, Bounds.TEXT_LENGTH);
        Bounds.text("transcript", transcript, Bounds.TRANSCRIPT_LENGTH);
        Bounds.text("subject", subject, Bounds.TEXT_LENGTH);
        Bounds.text("fromAddress", fromAddress, Bounds.EMAIL_LENGTH);
        Bounds.text("toAddress", toAddress, Bounds.EMAIL_LENGTH);
        Bounds.text("dealId", dealId, Bounds.ID_LENGTH);
        Bounds.text("ownerId", ownerId, Bounds.ID_LENGTH);
    }

    public static ActivityReport call(String sourceSystem, String externalId, Direction direction, Instant startedAt,
                                      long durationSeconds, boolean answered, String phoneNumber) {
        return new ActivityReport(sourceSystem, externalId, ActivityKind.CALL, direction, startedAt, durationSeconds,
                answered, phoneNumber, null, null, null, null, null, null, null);
    }

    public static ActivityReport email(String sourceSystem, String externalId, Direction direction, Instant sentAt,
                                       String subject, String fromAddress, String toAddress) {
        return new ActivityReport(sourceSystem, externalId, ActivityKind.EMAIL, direction, sentAt, null, null, null,
                null, null, subject, fromAddress, toAddress, null, null);
    }

    public ActivityReport withDealId(String dealId) {
        return new ActivityReport(sourceSystem, externalId, kind, direction, occurredAt, durationSeconds, answered,
                phoneNumber, recordingUrl, transcript, subject, fromAddress, toAddress, dealId, ownerId);
    }

    public ActivityReport withOwnerId(String ownerId) {
        return new ActivityReport(sourceSystem, externalId, kind, direction, occurredAt, durationSeconds, answered,
                phoneNumber, recordingUrl, transcript, subject, fromAddress, toAddress, dealId, ownerId);
    }
}
