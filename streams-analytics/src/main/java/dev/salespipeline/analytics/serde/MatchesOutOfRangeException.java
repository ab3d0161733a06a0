package dev.salespipeline.analytics.serde;

/** A call with more transcript matches than a call records, or a match of a list no dictionary can have. */
public final class MatchesOutOfRangeException extends UnusableEventException {

    private static final long serialVersionUID = 1L;

    MatchesOutOfRangeException(String message) {
        super(message, null);
    }
}
