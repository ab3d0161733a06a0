package dev.salespipeline.analytics.activity;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.activity.ActivityAttached;
import dev.salespipeline.api.activity.ActivityKind;
import dev.salespipeline.api.activity.ActivityReceived;
import dev.salespipeline.api.deal.CallLogged;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.api.deal.EmailLogged;
import dev.salespipeline.api.deal.EmailOpened;

/**
 * One thing learnt about a call or an email, from any of the events that name it, keyed by the call's or email's
 * id on the way to {@link ActivityCounting}. Call fields are zero for emails.
 *
 * @param source     which kind of event it comes from
 * @param kind       call or email; null for an attachment or an opening
 * @param occurredAt when the call started or the email was sent; for an opening, when the client opened it
 * @param personId   {@link Source#RECEIVED}, {@link Source#ATTACHED}: the rep it counts for (null for none);
 *                   {@link Source#LOGGED}: the person who logged it, null for an integration
 * @param pipelineId {@link Source#LOGGED}: the pipeline of the deal it was logged on
 * @param checks     {@link Source#LOGGED} call: what the dictionaries found in its transcript when it was logged
 */
public record ActivityFact(Source source, String activityId, ActivityKind kind, Direction direction, Instant occurredAt,
                    long durationSeconds, boolean answered, String personId, String pipelineId, CallChecks checks) {

    public enum Source {
        /** Reported by an outside system ({@link ActivityReceived}): names the rep it counts for. */
        RECEIVED,
        /** An unmatched activity attached to a deal ({@link ActivityAttached}): names the rep it counts for now. */
        ATTACHED,
        /** Logged on a deal ({@link CallLogged}, {@link EmailLogged}), by a person or delivered from a report. */
        LOGGED,
        /** The client opened the email ({@link EmailOpened}). */
        OPENED
    }

    public ActivityFact {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(activityId, "activityId");
        checks = checks == null ? CallChecks.NONE : checks;
    }

    static ActivityFact of(ActivityReceived received) {
        return new ActivityFact(Source.RECEIVED, received.activityId(), received.kind(), received.direction(),
                received.occurredAt(), received.durationSeconds(), received.answered(), received.ownerId(), null,
                CallChecks.NONE);
    }

    static ActivityFact of(ActivityAttached attached) {
        return new ActivityFact(Source.ATTACHED, attached.activityId(), null, null, attached.occurredAt(), 0, false,
                attached.ownerId(), null, CallChecks.NONE);
    }

    static ActivityFact of(CallLogged call, String personId, String pipelineId) {
        return new ActivityFact(Source.LOGGED, call.callId(), ActivityKind.CALL, call.direction(), call.occurredAt(),
                call.durationSeconds(), call.answered(), personId, pipelineId, CallChecks.of(call));
    }

    static ActivityFact of(EmailLogged email, String personId, String pipelineId) {
        return new ActivityFact(Source.LOGGED, email.emailId(), ActivityKind.EMAIL, email.direction(),
                email.occurredAt(), 0, false, personId, pipelineId, CallChecks.NONE);
    }

    static ActivityFact of(EmailOpened opened) {
        return new ActivityFact(Source.OPENED, opened.emailId(), null, null, opened.occurredAt(), 0, false, null, null,
                CallChecks.NONE);
    }
}
