package dev.salespipeline.analytics.serde;

/** An amount with more integer digits than the metrics can carry, see {@link EventBounds}. */
public final class AmountOutOfRangeException extends UnusableEventException {

    private static final long serialVersionUID = 1L;

    AmountOutOfRangeException(String message) {
        super(message, null);
    }
}
