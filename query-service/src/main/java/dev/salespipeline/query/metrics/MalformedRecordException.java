package dev.salespipeline.query.metrics;

/**
 * A record on a metric or alert topic that does not hold a readable value. Retrying cannot help: it
 * goes to the dead-letter topic of its kind with this message as the reason.
 */
public class MalformedRecordException extends RuntimeException {

    public MalformedRecordException(String message) {
        super(message);
    }

    public MalformedRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
