package dev.salespipeline.analytics.serde;

/** A business or recording time outside the years the metrics can count in, see {@link EventBounds}. */
public final class TimeOutOfRangeException extends UnusableEventException {

    private static final long serialVersionUID = 1L;

    TimeOutOfRangeException(String message) {
        super(message, null);
    }
}
