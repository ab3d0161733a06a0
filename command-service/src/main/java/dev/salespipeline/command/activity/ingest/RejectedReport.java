package dev.salespipeline.command.activity.ingest;

/**
 * A report that cannot be recorded as it is: sending it again unchanged gives the same answer. On the
 * ingest topic it goes to the dead-letter topic with {@link #reason()} and the message in its headers; over
 * the webhook it is answered with a problem document.
 */
public class RejectedReport extends RuntimeException {

    /** Not JSON, or not a JSON object. */
    public static final String MALFORMED_JSON = "malformed-json";
    /** A required field is absent, null or blank. */
    public static final String MISSING_FIELD = "missing-field";
    /** A field has the wrong type or an impossible value (a negative duration, a date that is no date). */
    public static final String INVALID_FIELD = "invalid-field";
    /** An enumerated field ({@code kind}, {@code direction}) has a value outside its list. */
    public static final String UNKNOWN_VALUE = "unknown-value";
    /** {@code occurredAt} lies in the future (beyond the allowed clock skew). */
    public static final String FUTURE_TIMESTAMP = "future-timestamp";
    /** The report names a deal that does not exist. */
    public static final String UNKNOWN_DEAL = "unknown-deal";

    private final String reason;

    public RejectedReport(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
