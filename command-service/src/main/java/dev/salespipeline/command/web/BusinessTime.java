package dev.salespipeline.command.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Business time of a request: when the thing happened. A call logged late keeps the time it
 * happened, so the past is fine; the future is not, beyond a small allowance for clock skew
 * between the caller and this service.
 */
public final class BusinessTime {

    /** {@link #ALLOWED_CLOCK_SKEW} in seconds, for the API's descriptions. */
    public static final long ALLOWED_CLOCK_SKEW_SECONDS = 120;
    public static final Duration ALLOWED_CLOCK_SKEW = Duration.ofSeconds(ALLOWED_CLOCK_SKEW_SECONDS);

    private BusinessTime() {
    }

    /**
     * @param requested the time given by the caller, or null for now
     * @throws OccurredInTheFutureException if the requested time lies beyond the allowed skew
     */
    public static Instant of(Instant requested, Clock clock) {
        Instant now = clock.instant();
        if (requested == null) {
            return now;
        }
        if (requested.isAfter(now.plus(ALLOWED_CLOCK_SKEW))) {
            throw new OccurredInTheFutureException(requested, now);
        }
        return requested;
    }

    /** A request claimed to describe something that has not happened yet. */
    public static final class OccurredInTheFutureException extends RuntimeException {

        OccurredInTheFutureException(Instant requested, Instant now) {
            super("occurredAt " + requested + " lies in the future (now is " + now + ", allowed skew "
                    + ALLOWED_CLOCK_SKEW.toSeconds() + " s)");
        }
    }
}
