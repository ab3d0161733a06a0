package dev.salespipeline.analytics.serde;

/**
 * Not an event envelope, or a payload that does not make its event record: not JSON, cut short, a required
 * field missing, a value the API's records refuse.
 */
public final class UnreadableEventException extends UnusableEventException {

    private static final long serialVersionUID = 1L;

    UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
