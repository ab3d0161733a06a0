package dev.salespipeline.query.activity.projection;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.salespipeline.api.activity.ActivityKind;
import dev.salespipeline.api.deal.Direction;

/**
 * Read model of a call or email that came in without a deal: what the unmatched list shows. It stays
 * after someone attaches it to a deal, then with {@code attachedTo}, {@code attachedAt} and
 * {@code attachedBy} set. {@code lastSequence} is the aggregate sequence of the last event applied,
 * which makes every update idempotent.
 *
 * @param receivedAt when the activity was recorded (the event store's time, not the call's); null in a
 *                   document that holds only an attachment which came before the report (see
 *                   {@link UnmatchedActivityProjection}), which is not shown
 * @param ownerId    the rep it counts for, or null while nobody is known
 * @param attachedTo the deal it was attached to, or null while it is unmatched
 * @param attachedBy who attached it
 */
@Document(UnmatchedActivity.COLLECTION)
public record UnmatchedActivity(
        @Id String activityId,
        String sourceSystem,
        String externalId,
        ActivityKind kind,
        Direction direction,
        Instant occurredAt,
        long durationSeconds,
        boolean answered,
        String phoneNumber,
        String subject,
        String fromAddress,
        String toAddress,
        String ownerId,
        Instant receivedAt,
        String attachedTo,
        Instant attachedAt,
        String attachedBy,
        long lastSequence) {

    public static final String COLLECTION = "unmatched_activities";
}
