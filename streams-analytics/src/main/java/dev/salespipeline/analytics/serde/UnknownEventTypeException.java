package dev.salespipeline.analytics.serde;

/**
 * An envelope whose type this version does not know: a newer producer, or a typing error. It is not
 * skipped silently, because a newer event type may change what the metrics count.
 */
public final class UnknownEventTypeException extends UnusableEventException {

    private static final long serialVersionUID = 1L;

    UnknownEventTypeException(String type) {
        super("unknown event type: " + type, null);
    }
}
