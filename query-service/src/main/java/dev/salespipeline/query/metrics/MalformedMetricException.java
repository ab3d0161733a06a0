package dev.salespipeline.query.metrics;

/**
 * A record on a metric topic that does not hold a readable metric value. Retrying cannot help: it
 * goes to the metrics dead-letter topic with this message as the reason.
 */
public class MalformedMetricException extends RuntimeException {

    public MalformedMetricException(String message) {
        super(message);
    }

    public MalformedMetricException(String message, Throwable cause) {
        super(message, cause);
    }
}
