package dev.salespipeline.analytics.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record on the event topic that the analytics cannot use, found when it is read: it goes to the
 * dead-letter topic with this exception's class and message as the reason, and the partition moves on.
 * The subclass names the kind of failure, and so does the {@code reason} tag of the dead-letter counter.
 */
public abstract sealed class UnusableEventException extends SerializationException
        permits UnreadableEventException, UnknownEventTypeException, AmountOutOfRangeException,
        TimeOutOfRangeException, MatchesOutOfRangeException {

    private static final long serialVersionUID = 1L;

    UnusableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
